import Frames
import Language
import Testing
@testable import Shell

@Suite("Completion of columns and functions inside stages")
struct CompletionColumnTests {
    func c(_ text: String, _ engine: CompletionEngine = CompletionFixture.engine()) -> [String] {
        CompletionFixture.candidates(text, engine: engine)
    }

    @Test func columnsOfTheSourceAfterWhere() {
        #expect(c("ipdr | where ms") == ["msisdn"])
        #expect(c("ipdr | where bytes") == ["bytes_down", "bytes_up"])
        #expect(c("cells | where ms") == ["msisdn"])
        #expect(c("cells | where l") == ["lat", "len(", "log(", "log10(", "lower("])
    }

    @Test func functionsGetAnOpeningParenthesis() {
        #expect(c("ipdr | where hou") == ["hour("])
        #expect(c("ipdr | where is_") == ["is_private("])
        #expect(c("ipdr | where hour(st") == ["start_time", "str("])
        #expect(c("ipdr | where ip_in(dst_ip, \"10.0.0.0/8\") and d").contains("dst_port"))
    }

    @Test func chartKindsArgumentsAndColumns() {
        #expect(c("ipdr | chart ") == ["bar", "histogram", "timeline"])
        #expect(c("ipdr | chart ti") == ["timeline"])
        #expect(c("ipdr | chart timeline ") == ["by", "step", "time"])
        #expect(c("ipdr | chart timeline time=start_time ") == ["by", "step"])
        #expect(c("ipdr | chart timeline time=st") == ["start_time"])
        #expect(c("ipdr | chart timeline time=start_time step=").isEmpty)
        #expect(c("ipdr | summarize n = count() by msisdn | chart bar x=msisdn y=") == ["msisdn", "n"])
    }

    @Test func columnsCreatedByAnEarlierExtend() {
        #expect(c("ipdr | extend mb = bytes_up / 1MB | where m") == ["mb", "minute(", "msisdn"])
    }

    @Test func columnsDroppedBySelectAreNotOffered() {
        #expect(c("ipdr | select msisdn | where b") == ["bin("])
        #expect(c("ipdr | select msisdn | where ") .filter { !$0.hasSuffix("(") } == ["msisdn"])
        #expect(c("ipdr | exclude imei | where i").filter { !$0.hasSuffix("(") }.isEmpty)
    }

    @Test func summarizeOutputFlowsIntoSort() {
        let all = c("ipdr | summarize n = count() by msisdn | sort ")
        #expect(all.filter { !$0.hasSuffix("(") } == ["msisdn", "n"])
        #expect(c("ipdr | summarize sum(bytes_up) by msisdn | where s").contains("sum_bytes_up"))
    }

    @Test func renameFlowsIntoLaterStages() {
        #expect(c("ipdr | rename phone = msisdn | where ph") == ["phone"])
        #expect(c("ipdr | rename phone = msisdn | where ms").isEmpty)
        #expect(c("ipdr | count | where c").contains("count"))
    }

    @Test func brokenEarlierStageFallsBackToWhatBinds() {
        // The second stage names a missing column: the columns after the first stage are offered.
        #expect(c("ipdr | extend mb = bytes_up / 1MB | where nosuch > 1 | where m") == ["mb", "minute(", "msisdn"])
        // A stage that does not parse: the source frame's columns.
        #expect(c("ipdr | where ( | where ms") == ["msisdn"])
        // An unknown source frame: no columns, functions only.
        #expect(c("nosuch | where ms").isEmpty)
    }

    @Test func backquotedColumns() {
        let all = c("ipdr | where ")
        #expect(all.contains("`Start Date`"))
        #expect(all.contains("msisdn"))
        #expect(c("ipdr | where `St") == ["`Start Date`"])
        #expect(c("ipdr | where `ms") == ["`msisdn`"])
        #expect(CompletionFixture.complete("ipdr | where `St").replaceFrom == 13)
        #expect(c("ipdr | where St").isEmpty)
    }

    @Test func operatorsAfterAnOperand() {
        #expect(c("ipdr | where msisdn co") == ["contains"])
        #expect(c("ipdr | where dst_port == 443 a") == ["and"])
        #expect(c("ipdr | where msisdn is ") == ["not", "null"])
        #expect(c("ipdr | where msisdn is not ") == ["null"])
        #expect(c("ipdr | where dst_port b") == ["between"])
        #expect(c("ipdr | where dst_port between 1 a") == ["and"])
        #expect(c("ipdr | where (ms") == ["msisdn"])
        #expect(c("ipdr | where dst_port in (44, ds") == ["dst_ip", "dst_port"])
    }

    @Test func selectAndExtendItems() {
        #expect(c("ipdr | select ms") == ["msisdn"])
        #expect(c("ipdr | select msisdn, dst") == ["dst_ip", "dst_port"])
        #expect(c("ipdr | select mb = bytes_u") == ["bytes_up"])
        #expect(c("ipdr | extend mb = bytes_u") == ["bytes_up"])
        #expect(c("ipdr | extend mb = bytes_up / 1MB, up = by") == ["bytes_down", "bytes_up"])
        #expect(c("ipdr | extend ms") == ["msisdn"])
        #expect(c("ipdr | extend mb ").isEmpty)
    }

    @Test func renameExcludeDistinct() {
        #expect(c("ipdr | rename phone = ms") == ["msisdn"])
        #expect(c("ipdr | rename ph").isEmpty)
        #expect(c("ipdr | exclude im") == ["imei"])
        #expect(c("ipdr | distinct msisdn, im") == ["imei"])
        #expect(c("ipdr | distinct h").isEmpty)
    }

    @Test func sortDirections() {
        #expect(c("ipdr | sort bytes_up ") == ["asc", "desc"])
        #expect(c("ipdr | sort bytes_up d") == ["desc"])
        #expect(c("ipdr | sort bytes_up desc, ms") == ["msisdn"])
        #expect(c("ipdr | sort by ms") == ["msisdn"])
        #expect(c("ipdr | sort bytes_up desc ").isEmpty)
        #expect(c("ipdr | sort hour(start_time) ") == ["asc", "desc"])
        #expect(c("ipdr | sort hour(st") == ["start_time", "str("])
    }

    @Test func topNBy() {
        #expect(c("ipdr | top 10 ") == ["by"])
        #expect(c("ipdr | top 10 b") == ["by"])
        #expect(c("ipdr | top 10 by bytes_d") == ["bytes_down"])
        #expect(c("ipdr | top 10 by bytes_down ") == ["asc", "desc"])
        #expect(c("ipdr | top ").isEmpty)
    }

    @Test func summarizeAggregatesAndKeys() {
        let start = c("ipdr | summarize ")
        #expect(start.contains("dcount("))
        #expect(start.contains("count("))
        #expect(!start.contains("msisdn"))
        #expect(c("ipdr | summarize n = dc") == ["dcount("])
        #expect(c("ipdr | summarize n = sum(bytes_") == ["bytes_down", "bytes_up"])
        #expect(c("ipdr | summarize n = count() ") == ["by"])
        #expect(c("ipdr | summarize n = count() by ms") == ["msisdn"])
        #expect(c("ipdr | summarize n = count() by msisdn, h") == ["hour("])
        #expect(c("ipdr | summarize n = count(), u = su") == ["substr(", "sum("])
    }

    @Test func joinFramesKindsAndSides() {
        #expect(c("ipdr | join ") == ["`Odd Frame`", "cells", "ipdr", "kind="])
        #expect(c("ipdr | join kind=") == ["anti", "inner", "left", "semi"])
        #expect(c("ipdr | join kind=l") == ["left"])
        #expect(c("ipdr | join kind=left ce") == ["cells"])
        #expect(c("ipdr | join cells ") == ["on"])
        #expect(c("ipdr | join cells on ") == ["left.", "msisdn", "right."])
        #expect(c("ipdr | join cells on left.ms") == ["msisdn"])
        #expect(c("ipdr | join cells on left.msisdn == right.") == ["cell_id", "lat", "msisdn"])
        #expect(CompletionFixture.complete("ipdr | join cells on right.ce").replaceFrom == 27)
        #expect(c("ipdr | join cells on left.msisdn == right.msisdn a") == ["and"])
    }

    @Test func multiLineStatements() {
        let text = "let busy = ipdr\n  | extend mb = bytes_up / 1MB\n  | where mb > 5\n  | sort m"
        #expect(c(text) == ["mb", "minute(", "msisdn"])
        #expect(c("ipdr |\n  summarize n = count() by msisdn |\n  where ") .filter { !$0.hasSuffix("(") } == ["msisdn", "n"])
    }

    @Test func cursorInTheMiddleOfTheText() {
        let r = CompletionFixture.complete("ipdr | where ms‸ > 0 | take 5")
        #expect(r.candidates == ["msisdn"])
        #expect(r.replaceFrom == 13)
        #expect(c("ipdr | wh‸ere x") == ["where"])
        #expect(c("describe ce‸\nipdr | take 1") == ["cells"])
    }

    @Test func saveSourcePipeline() {
        #expect(c("save ipdr | where ms") == ["msisdn"])
        #expect(c("save ipdr t") == ["to"])
    }

    @Test func nothingInsideStringsOrNumbers() {
        #expect(c("ipdr | where msisdn == \"ms").isEmpty)
        #expect(c("ipdr | where dst_port == 44").isEmpty)
        #expect(c("ipdr | where foo.ba").isEmpty)
    }

    @Test func contextFromASession() {
        let context = CompletionContext(frames: ["t": [Field("a", .int)]])
        #expect(CompletionEngine(context: context).complete("t | where a", cursor: 11).candidates.contains("a"))
    }
}
