/// Where an amount stands in its line, which decides its role when no label names it.
enum AmountContext: Sendable, Hashable {
    /// First thing inside （） or (): `X億円（Y億円）` → previous year.
    case firstInParen
    /// First thing inside 【】, [] or ［］ → supplementary.
    case firstInSquare
    /// Followed by a `)` that closes a parenthesis opened on an earlier line.
    case closesParen
    /// Followed by a `】` or `]` opened on an earlier line.
    case closesSquare
    /// A figure outside brackets, followed by a bracket or the end of the line: the current year's.
    case figure
    /// Anything else (`34百万円程度/年`, `1拠点あたり5千万円`).
    case loose
    /// A share after a colon or うち (`（JST：20億円 AMED：10億円）`): part of the figure before it.
    case share
    /// In a `※このほか…` note: in addition to the figure before it, with its role.
    case inAddition
    /// After an attribute's colon (`配分対象経費:1,000億円`): the programme's, of no budget line.
    case attribute
}

/// What the words around an amount say about it.
struct AmountQualifier: Sendable, Hashable {
    /// Per unit, average or cap (`1拠点あたり上限3千万円`, `年間700万円（平均）`, `25箇所×約2億円`).
    var perUnit = false
    /// -1 before an arrow (`4,344千円 ⇒`: the year before), +1 after one (`⇒ 5,292千円`), else 0.
    var arrow = 0
    /// Written with a sign (`(+3億円)`, `▲2,736億円`).
    var signed = false
    /// The item a `name：figure` pair names (`GIGAスクール構想の推進:26億円`), when it is a programme's
    /// name rather than an agency's (`JST：20億円`).
    var ownName: String?
    /// A total over several years (`総額1.5～5億円/課題`, `10年間で約1,100億円`, `総整備費 499億円`): no fiscal year.
    var multiYear = false
    /// A sum (`…の合計502億円`): over the years labelled before it, it has none of its own.
    var sum = false
    /// Followed by `／年` or `/年` (`５億円程度／年`): a figure for each year.
    var perYear = false
}

/// A label or an amount, in the order of the line.
enum LineToken: Sendable, Hashable {
    case label(BudgetLabel)
    case amount(ScannedAmount, AmountContext, AmountQualifier)
}

/// What one line of a document is, read once: the splitter and the programme finder use it.
struct LineInfo: Sendable {
    /// Empty or whitespace only.
    var isBlank = true
    /// Length in Unicode scalars.
    var length = 0
    /// The number of `#` of a markdown heading, 0 otherwise.
    var markdownLevel = 0
    /// The line starts with a bullet or marker (`-`, `・`, `◆`, `●`, `○`, `①`…).
    var hasMarker = false
    /// The line's markers include ◆ or ◇, the documents' sign for a programme.
    var hasDiamond = false
    /// The line opens with a marker that heads a block (▶ ◆ ● ■ ◎ ○…), not a list's dash or dot.
    var hasHeadingMarker = false
    /// The line opens with a circled number (`① `, `② `): an item of a numbered list, which heads
    /// the lines under it until the next item, not only its own block.
    var opensWithCircledNumber = false
    /// The line starts with `※`.
    var isNote = false
    /// The line starts with a number and a point (`5. …`, `１．…`).
    var isNumbered = false
    /// The line is a parenthesised subtitle such as `(新物質・新機能マテリアルの創出)`.
    var isSubtitle = false
    /// Labels and amounts in order.
    var tokens: [LineToken] = []
    var amountCount = 0
    var hasLabel = false
    /// Only amounts, labels, brackets and little words such as 新規 or 等.
    var isAmountLine = false
    /// The line opens with a label (`令和7年度予算額 国立大学法人運営費交付金 …`).
    var startsWithLabel = false
    /// Only labels (`令和7年度予算額`, `（前年度予算額）`), no amount.
    var isLabelOnly = false
    /// A programme name this line can give: the text before its first figure, or the whole
    /// line when it states no amount; nil when that text is no plausible name.
    var name: String?
    /// The item a line with figures names for them: its name before the figure
    /// (`未来共創推進事業 40億円（32億円）`), or a bullet's or note's text before its first bracket
    /// or figure (`- ※宇宙戦略基金の拡充(…3,000億円…) 【1,550億円】`); nil otherwise.
    var itemName: String?
    /// The programme a line of prose opens by defining its short name:
    /// `世界トップレベル研究拠点プログラム（以下「WPI」という。）による…` (see ``LineScanner/definedName(_:from:to:)``).
    var definedName: String?
    /// The line's text opens with 【, ［ or [ (after markers).
    var startsWithBracket = false
    /// Where the first label or figure starts (a scalar offset), or nil when there is none.
    var firstTokenStart: Int?
    /// The line is an organisation's label in angle brackets (`＜日本学術振興会＞`): the figure
    /// below it is that organisation's share.
    var isOrganisationLabel = false
    /// The line opens with an organisation's label (`＜文部科学省＞ ○ …調査等（3百万円）`): its
    /// figures are that organisation's share.
    var opensWithOrganisation = false
    /// A sentence that names the 補正 the figures after it come from (`令和5年度補正予算において、
    /// 以下について基金を措置`): its label waits for them.
    var leadInLabel: BudgetLabel?
    /// `令和7年度予算額 国立大学法人運営費交付金 国立大学経営改革促進事業`: a label over two or
    /// more names, whose figures follow on the next lines in the same order.
    var columnNames: [String] = []
    /// The line names a programme and states its figure itself (`未来共創推進事業 40億円（32億円）`).
    var namesWithFigure = false
    /// The name stands before a budget label on the figure's line (`○ 高度医療人材養成事業
    /// 令和6年度補正予算額 50億円`, `### … プログラム 【令和7年度補正予算額 10億円】`): a title box.
    var namesBeforeLabel = false
    /// The name is that of a part of a page (事業概要, 現状・課題…): a heading, never a programme.
    var nameIsPagePart = false
    /// The text a section heading shows (markers and markdown removed).
    var headingText = ""
    /// A short line of text that can stand as a heading (no amount, no sentence, no bullet).
    var isShortText = false
    /// A short line of text with a programme's ending (`スーパーサイエンスハイスクール（SSH）支援事業`):
    /// after a blank line or indented by one space, a page title.
    var isPageTitle = false
    /// The line starts with exactly one space: PDF extraction's mark of a title text box.
    var isIndentedOnce = false
    /// The second line of a title wrapped without its figure (`次世代型オープンイノベーションの構築` /
    /// `に向けた調査・分析及び成果普及`): the first line holds the whole name.
    var continuesTitle = false
}
