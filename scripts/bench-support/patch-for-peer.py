"""Copies the OpenAI spec with only the edits apple/swift-openapi-generator 1.14.3 needs to accept it:
integer bounds beyond Int64 are dropped and 3.0-style `exclusiveMinimum: true` / `exclusiveMaximum: true` lines
are removed. Prints what it changed."""
import re
import sys

source, target = sys.argv[1], sys.argv[2]
lines = open(source, encoding="utf-8").read().split("\n")
edits = []
out = []
for number, line in enumerate(lines, 1):
    stripped = line.strip()
    match = re.match(r"(minimum|maximum):\s*(-?\d+)\s*$", stripped)
    if match and not -(2**63) <= int(match.group(2)) < 2**63:
        edits.append(f"{number}: dropped {stripped}")
        continue
    if re.match(r"exclusive(Minimum|Maximum):\s*(true|false)\s*$", stripped):
        edits.append(f"{number}: dropped {stripped}")
        continue
    out.append(line)
open(target, "w", encoding="utf-8").write("\n".join(out))
print(f"{len(edits)} edits: " + "; ".join(edits))
