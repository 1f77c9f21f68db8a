import Foundation
import ForgeRuntime
import PetStoreAPI
import Testing

/// Answers every request with a canned response and remembers what it was asked. No network.
final class CannedTransport: HTTPTransport, @unchecked Sendable {
    private let lock = NSLock()
    private var _requests: [TransportRequest] = []
    let respond: @Sendable (TransportRequest) -> TransportResponse

    init(_ respond: @escaping @Sendable (TransportRequest) -> TransportResponse) {
        self.respond = respond
    }

    var requests: [TransportRequest] { lock.withLock { _requests } }

    func send(_ request: TransportRequest) async throws -> TransportResponse {
        lock.withLock { _requests.append(request) }
        return respond(request)
    }

    static func json(_ status: Int, _ body: String) -> TransportResponse {
        TransportResponse(status: status, headers: ["Content-Type": "application/json"], body: Data(body.utf8))
    }
}

let petJSON = #"{"id": "pet_1", "name": "Rex", "status": "available", "tag": null, "age": 3}"#

@Test func decodesAModelWithAnEnumAndANullableField() throws {
    let pet = try JSONDecoder().decode(Pet.self, from: Data(petJSON.utf8))
    #expect(pet.id == "pet_1")
    #expect(pet.status == .available)
    #expect(pet.tag == nil)
    #expect(pet.age == 3)

    // A required nullable field is encoded as null, not omitted; an unlisted enum value is kept.
    let encoded = String(decoding: try JSONEncoder().encode(pet), as: UTF8.self)
    #expect(encoded.contains(#""tag":null"#))
    let odd = try JSONDecoder().decode(PetStatus.self, from: Data(#""quarantined""#.utf8))
    #expect(odd == .unknown("quarantined"))
    #expect(odd.rawValue == "quarantined")
}

@Test func aMissingRequiredFieldFailsToDecode() {
    #expect(throws: DecodingError.self) {
        try JSONDecoder().decode(Pet.self, from: Data(#"{"id": "pet_1", "name": "Rex", "status": "adopted"}"#.utf8))
    }
}

@Test func clientCallsOperationsThroughTheTransport() async throws {
    let transport = CannedTransport { request in
        switch (request.method, request.url.path) {
        case ("GET", "/v1/pets"):
            return CannedTransport.json(200, #"{"data": [\#(petJSON)], "has_more": false}"#)
        case ("GET", "/v1/pets/pet_1"):
            return CannedTransport.json(200, petJSON)
        case ("POST", "/v1/pets"):
            return CannedTransport.json(201, #"{"id": "pet_2", "name": "Tom", "status": "pending", "tag": "cat"}"#)
        default:
            return CannedTransport.json(404, #"{"error": {"message": "no route"}}"#)
        }
    }
    let client = PetStoreClient(apiKey: "test-key", retryPolicy: .none, transport: transport)
    #expect(APIDescription.title == "Pet Store")

    let page = try await client.listPets(limit: 10, status: .available)
    #expect(page.data.map(\.name) == ["Rex"])
    #expect(page.hasMore == false)

    let pet = try await client.getPet(petID: "pet_1")
    #expect(pet.name == "Rex")

    let created = try await client.createPet(body: NewPet(name: "Tom", tag: "cat"))
    #expect(created.status == .pending)
    #expect(created.tag == "cat")

    let requests = transport.requests
    #expect(requests.count == 3)
    #expect(requests.first?.url.absoluteString == "https://petstore.example.com/v1/pets?limit=10&status=available")
    #expect(requests.first?.header("Authorization") == "Bearer test-key")
    #expect(requests.last?.method == "POST")
    let body = try #require(requests.last?.body)
    #expect(String(decoding: body, as: UTF8.self).contains(#""name":"Tom""#))
}

@Test func anErrorStatusThrowsAPIError() async throws {
    let client = PetStoreClient(
        apiKey: "test-key", retryPolicy: .none, transport: CannedTransport { _ in CannedTransport.json(404, "{}") })
    await #expect(throws: APIError.self) {
        _ = try await client.getPet(petID: "missing")
    }
}
