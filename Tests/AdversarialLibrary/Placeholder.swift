// Placeholder until the adversarial spec is generated here.
