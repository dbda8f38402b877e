import Foundation
import Testing
@testable import Shell

@Suite("Completion of paths and options")
struct CompletionPathTests {
    /// A temporary folder with files, a folder, a hidden file and a name with a blank.
    final class Folder {
        let path: String
        init() throws {
            path = NSTemporaryDirectory() + "ipdr-completion-\(UUID().uuidString)"
            let fm = FileManager.default
            try fm.createDirectory(atPath: path + "/data/sub", withIntermediateDirectories: true)
            for name in ["data/ipdr.csv", "data/ipdr_2.csv", "data/cells.tsv", "data/.hidden.csv", "case.ipdr", "my file.csv", "data/sub/x.json"] {
                fm.createFile(atPath: path + "/" + name, contents: Data("a\n1\n".utf8))
            }
        }
        deinit { try? FileManager.default.removeItem(atPath: path) }
        var engine: CompletionEngine { CompletionFixture.engine(directory: path) }
        func c(_ text: String) -> [String] { CompletionFixture.candidates(text, engine: engine) }
    }

    @Test func loadListsTheFolderOfThePartialPath() throws {
        let f = try Folder()
        #expect(f.c("load ") == ["case.ipdr", "data/"])
        #expect(f.c("load d") == ["data/"])
        #expect(f.c("load data/") == ["data/cells.tsv", "data/ipdr.csv", "data/ipdr_2.csv", "data/sub/"])
        #expect(f.c("load data/ip") == ["data/ipdr.csv", "data/ipdr_2.csv"])
        #expect(CompletionFixture.complete("load data/ip", engine: f.engine).replaceFrom == 5)
        #expect(f.c("load data/sub/") == ["data/sub/x.json"])
        #expect(f.c("load nosuch/").isEmpty)
    }

    @Test func hiddenFilesOnlyAfterADot() throws {
        let f = try Folder()
        #expect(f.c("load data/.") == ["data/.hidden.csv"])
        #expect(!f.c("load data/").contains("data/.hidden.csv"))
    }

    @Test func quotedPaths() throws {
        let f = try Folder()
        #expect(f.c("load \"my") == ["my file.csv\""])
        #expect(f.c("load \"data/c") == ["data/cells.tsv\""])
        #expect(f.c("load \"d") == ["data/"])
        #expect(CompletionFixture.complete("load \"data/c", engine: f.engine).replaceFrom == 6)
        #expect(f.c("load 'ca") == ["case.ipdr'"])
        // A bare path cannot hold a blank: that name is offered only inside quotes.
        #expect(f.c("load my").isEmpty)
    }

    @Test func absolutePaths() throws {
        let f = try Folder()
        #expect(f.c("load \(f.path)/data/ce") == ["\(f.path)/data/cells.tsv"])
    }

    @Test func otherPathStatements() throws {
        let f = try Folder()
        #expect(f.c("run ca") == ["case.ipdr"])
        #expect(f.c("plugin load d") == ["data/"])
        #expect(f.c("audit export c") == ["case.ipdr"])
        #expect(f.c("save ipdr to data/i") == ["data/ipdr.csv", "data/ipdr_2.csv"])
        #expect(f.c("save ipdr | where bytes_up > 1 to d") == ["data/"])
        #expect(f.c("ipdr | where x == \"d").isEmpty)
    }

    @Test func keywordItselfIsNotAPath() throws {
        let f = try Folder()
        #expect(f.c("lo") == ["load"])
        #expect(f.c("load") == ["load"])
    }

    @Test func loadOptions() {
        let c = { (t: String) in CompletionFixture.candidates(t) }
        #expect(c("load x.csv ") == ["as", "with"])
        #expect(c("load x.csv w") == ["with"])
        #expect(c("load x.csv as ").isEmpty)
        #expect(c("load x.csv as x ") == ["with"])
        let options = c("load x.csv with ")
        for name in ["format", "delimiter", "header", "tz", "types", "on_error", "profile"] {
            #expect(options.contains(name))
        }
        #expect(c("load x.csv with he") == ["header"])
        #expect(c("load \"a b.csv\" with fo") == ["format"])
        #expect(!c("load x.csv with header=true, ").contains("header"))
        #expect(c("load x.csv with header=true, on") == ["on_error"])
        #expect(c("load x.csv with header=true on") == ["on_error"])
        #expect(c("load x.csv with on_error=") == ["fail", "skip"])
        #expect(c("load x.csv with format=n") == ["natlog", "ndjson", "nfdump"])
        #expect(c("load x.csv with header ").isEmpty)
    }

    @Test func saveOptions() {
        let c = { (t: String) in CompletionFixture.candidates(t) }
        #expect(c("save ipdr to out.csv ") == ["with"])
        #expect(c("save ipdr to out.csv with ") == ["compression", "delimiter", "format", "header", "overwrite", "raw", "text_ids"])
        #expect(c("save ipdr to out.parquet with compression=") == ["none", "snappy", "zstd"])
        #expect(c("save ipdr to out.parquet with format=") == ["arrow", "csv", "json", "ndjson", "parquet", "svg", "tsv"])
        #expect(c("save ipdr to out.csv with raw=") == ["false", "true"])
        #expect(c("save ipdr to out.csv with overwrite=") == ["false", "true"])
    }

    @Test func reportPathAndOptions() throws {
        let f = try Folder()
        #expect(f.c("report d") == ["data/"])
        #expect(f.c("rep") == ["report"])
        let c = { (t: String) in CompletionFixture.candidates(t) }
        #expect(c("report case.html ") == ["with"])
        #expect(c("report case.html with ") == ["frames", "overwrite", "rows", "title"])
        #expect(c("report case.html with overwrite=") == ["false", "true"])
        #expect(c("report case.html with title=\"x\", ") == ["frames", "overwrite", "rows"])
        let frames = c("report case.html with frames=")
        #expect(frames == ["cells", "ipdr"], "plain names only: a bare list cannot hold `Odd Frame`")
    }
}
