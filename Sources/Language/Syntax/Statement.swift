/// One statement of the language (see LANGUAGE.md, "Statements").
///
/// Paths are the text as written (string literal contents, or a bare path);
/// the statement's span and source text live in `ParsedStatement`.
public enum Statement: Sendable, Hashable {
    /// `load PATH [as NAME] [with K=V, ...]`.
    case load(path: Located<String>, name: Identifier?, options: [Option])
    /// `let NAME = PIPELINE`.
    case `let`(name: Identifier, pipeline: Pipeline)
    /// A bare pipeline: run it and print the result.
    case pipeline(Pipeline)
    /// `save NAME-or-PIPELINE to PATH [with K=V, ...]`; a bare NAME is a pipeline without stages.
    case save(source: Pipeline, path: Located<String>, options: [Option])
    /// `frames`.
    case frames
    /// `describe NAME`.
    case describe(Identifier)
    /// `drop NAME`.
    case drop(Identifier)
    /// `plugins`.
    case plugins
    /// `profiles`: the column-mapping profiles that `load … with profile=` can use.
    case profiles
    /// `plugin load PATH`.
    case pluginLoad(path: Located<String>)
    /// `help [TOPIC]`; the topic as written (`where`, `geo.locate`, `sum`).
    case help(topic: Located<String>?)
    /// `set KEY = VALUE`; KEY may be dotted (`display.rows`).
    case set(key: Located<String>, value: OptionValue)
    /// `settings`.
    case settings
    /// `run PATH`.
    case run(path: Located<String>)
    /// `audit tail [N]`.
    case auditTail(count: Located<Int64>?)
    /// `audit verify [PATH]`.
    case auditVerify(path: Located<String>?)
    /// `audit export PATH [with session=ID, overwrite=true]`.
    case auditExport(path: Located<String>, options: [Option])
    /// `audit seal [KEYFILE]`: a signed checkpoint of the log.
    case auditSeal(key: Located<String>?)
    /// `report PATH [with title=TEXT, frames=A,B, rows=N, overwrite=true]`: the HTML case report.
    case report(path: Located<String>, options: [Option])
    /// `status`.
    case status
    /// `jobs`: the background jobs of the session.
    case jobs
    /// `wait [N]`: waits for job N, or for every running job.
    case wait(job: Located<Int64>?)
    /// `cancel [N]`: cancels job N, or every running job.
    case cancel(job: Located<Int64>?)
    /// `exit` or `quit`.
    case exit
}
