import Testing
@testable import Audit

@Suite struct SHA256HexTests {
    @Test func knownDigest() {
        #expect(SHA256Hex.of(Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }
}
