import Testing
@testable import Language

@Suite struct DiagnosticSuggestTests {
    let columns = ["msisdn", "imsi", "imei", "dst_ip", "dst_port", "public_ip", "public_port", "start_time", "bytes_up"]

    @Test func closeMisspellings() {
        #expect(Suggest.closest(to: "dst_prt", among: columns) == "dst_port")
        #expect(Suggest.closest(to: "msidsn", among: columns) == "msisdn")
        #expect(Suggest.closest(to: "bytesup", among: columns) == "bytes_up")
        #expect(Suggest.closest(to: "strat_time", among: columns) == "start_time")
    }

    @Test func caseInsensitiveMatchWins() {
        #expect(Suggest.closest(to: "MSISDN", among: columns) == "msisdn")
        #expect(Suggest.closest(to: "Imei", among: ["imsi", "IMEI"]) == "IMEI")
    }

    @Test func farNamesGiveNothing() {
        #expect(Suggest.closest(to: "zzz", among: columns) == nil)
        #expect(Suggest.closest(to: "completely_different", among: columns) == nil)
        #expect(Suggest.closest(to: "", among: columns) == nil)
        #expect(Suggest.closest(to: "x", among: []) == nil)
        #expect(Suggest.closest(to: "msisdn", among: ["msisdn"]) == nil)
    }

    @Test func thresholdScalesWithLength() {
        #expect(Suggest.closest(to: "ab", among: ["xy"]) == nil)
        #expect(Suggest.closest(to: "ab", among: ["ac"]) == "ac")
        #expect(Suggest.closest(to: "public_ipp", among: ["public_ip", "public_port"]) == "public_ip")
    }

    @Test func distanceCountsTranspositionsOnce() {
        #expect(Suggest.distance("ab", "ba") == 1)
        #expect(Suggest.distance("kitten", "sitting") == 3)
        #expect(Suggest.distance("", "abc") == 3)
        #expect(Suggest.distance("same", "same") == 0)
    }
}
