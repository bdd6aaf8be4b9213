import CommandModel
import Foundation

/// The console's own state: what is selected, what the map shows, what is being typed.
/// A value; `update` changes it and returns effects for the runner to perform.
public struct ConsoleModel: Sendable {
    public enum Mode: Hashable, Sendable {
        case normal
        case command
        case search
        case dispatch(IncidentID)
        case report(ReportForm)
        /// A joint plan being computed off the input thread (`job` numbers the request; Esc
        /// cancels), with the fraction done.
        case planning(job: Int, progress: Double)
        /// A joint plan on screen; the set holds the lines the officer left out.
        case plan(JointPlan, excluded: Set<Int>)
        case help
        /// The map legend: every symbol, colour and tint.
        case legend
        /// Typing what to find: a district or team on the map, or a team on the board.
        case find(FindTarget)
        /// A close that would leave plan items or reports open, waiting for y (anything else
        /// keeps the incident open).
        case confirmClose(line: String, commands: [Command])
        /// The shift handover brief on screen (`a` acknowledges it).
        case handover(HandoverSheet)
    }

    public enum FindTarget: Hashable, Sendable { case map, team }

    /// Where ↑ ↓ and PgUp PgDn act: the incident list, the map's cursor, or the bottom panel
    /// (the detail's timeline or the team board), in Tab order.
    public enum Focus: Hashable, Sendable, CaseIterable { case list, map, panel }

    public struct Layers: Hashable, Sendable {
        public var labels = true, terrain = true, water = true, roads = true, incidents = true, teams = true, facilities = true
    }

    public enum TimeFilter: Int, CaseIterable, Sendable {
        case hour = 1, sixHours = 6, day = 24, all = 0
        public var label: Bilingual {
            switch self {
            case .hour: Bilingual("last hour", "近1小时")
            case .sixHours: Bilingual("last 6 h", "近6小时")
            case .day: Bilingual("last 24 h", "近24小时")
            case .all: Bilingual("all", "全部")
            }
        }
    }

    public var language: Language
    public var glyphs: Glyphs
    public var operatorName: String
    /// The operator's roster id, when a roster is in use: pages to this person show a banner.
    public var person: String?
    public var role: Bilingual = Bilingual("duty officer", "值班员")
    public var mode: Mode = .normal
    public var focus: Focus = .list
    public var selected: IncidentID?
    public var listOffset = 0
    public var filter = ""
    /// The command bar's text and cursor (in characters).
    public var input = ""
    public var inputCursor = 0
    /// Lines entered in the command bar this session, oldest first (↑ ↓ recall them), the one
    /// recalled, and the line being typed before recalling began.
    public var history: [String] = []
    public var historyIndex: Int?
    public var historyDraft = ""
    /// What Tab offered at the cursor when more than one choice fits (shown above the bar).
    public var completions: [String] = []
    /// How far the bottom panel is scrolled: the team board's first row, or how many timeline
    /// entries back from the newest.
    public var panelOffset = 0
    /// The first row of the help or legend overlay.
    public var overlayOffset = 0
    /// The team last found on the board (`f`), highlighted there.
    public var foundTeam: TeamID?
    /// The last outcome: an acknowledgement or the reason a command was refused.
    public var message: (text: String, isError: Bool)?
    /// Map cells per character (1, 2, 4, 8): zoomed out.
    public var zoom = 1
    /// Characters per map cell, each way (1, 2, 4): zoomed in beyond 1:1. Only one of `zoom`
    /// and `magnify` is ever above 1.
    public var magnify = 1
    public var centre: Cell
    public var cursor: Cell
    public var layers = Layers()
    public var timeFilter = TimeFilter.all
    /// Incidents below this level are hidden on the map (`.none` shows all).
    public var minimumLevel = ResponseLevel.none
    public enum TintMode: CaseIterable, Sendable {
        case none, warnings, responses
        public var label: Bilingual {
            switch self {
            case .none: Bilingual("no tint", "无着色")
            case .warnings: Bilingual("tint: warnings", "着色：预警")
            case .responses: Bilingual("tint: responses", "着色：应急响应")
            }
        }
    }
    public var tintMode = TintMode.none
    /// A submitted report form, reopened if the report is refused so nothing typed is lost.
    public var submittedForm: ReportForm?
    /// The bottom panel shows the team board instead of the incident detail.
    public var showTeamBoard = false
    /// The resources board (shelters, depots, supply requests, mutual aid): `b` after the team board.
    public var showResources = false
    /// Incidents that just appeared or rose, highlighted until the given time.
    public var attention: [IncidentID: Date] = [:]
    public var bell = true
    /// The selected incident's timeline, loaded from the log.
    public var timeline: [RecordedEvent] = []
    public var timelineFor: IncidentID?
    /// The operator is a drill coordinator: blind drills' incidents are marked for them too.
    public var revealDrills = false
    public var asciiNote = false
    /// The terminal can draw Chinese (UTF-8, wide glyphs); when not, `w` explains instead of
    /// switching to "? ?".
    public var canShowChinese = true
    /// A wall console (one with a roster, or `--confirm-quit`): `q` asks before quitting.
    public var confirmQuit = false
    /// `q` was pressed once on such a console.
    public var quitAsked = false
    /// What is wrong with the store, shown in the header until a read works again.
    public var storeTrouble: Bilingual?
    /// What the last check of the whole record found (the header's "store ok / checking /
    /// TAMPERED: seq N"), and when the next one is due.
    public var recordHealth: RecordHealth = .unchecked
    public var nextRecordCheck = Date.distantPast
    /// How often the whole record is checked again.
    public var recordCheckEvery: TimeInterval = 600
    /// The terminal's size, as last reported.
    public var screenSize: (width: Int, height: Int)?
    /// When the record was last read, pages last sent and the page bell last rung.
    public var lastPoll = Date.distantPast, lastEscalation = Date.distantPast, lastPageBell = Date.distantPast
    /// How often the record is read: another console's event shows within this.
    public var pollEvery: TimeInterval = 0.25
    /// The number of the last joint plan asked for: a result for any other is stale.
    public var planJob = 0
    /// The start of the shift whose handover brief the console last offered by itself (once
    /// per shift), and when the roster was last looked at for a change of shift.
    public var handoverOfferedFor: Date?
    public var lastShiftCheck = Date.distantPast

    /// Whether an incident carries the EXERCISE mark, by the one drill-visibility policy.
    public func isMarkedExercise(_ i: Incident, _ state: CommandState) -> Bool {
        DrillVisibility.isMarked(i.exercise, in: state, reveal: revealDrills)
    }

    /// The same for anything tagged with a drill (a warning, an area response).
    public func isMarkedExercise(_ exercise: String?, _ state: CommandState) -> Bool {
        DrillVisibility.isMarked(exercise, in: state, reveal: revealDrills)
    }

    /// The drills the status bar announces: the running ones this operator may know of.
    public func announcedDrills(_ state: CommandState) -> [DrillRun] {
        DrillVisibility.announced(in: state, reveal: revealDrills)
    }

    public init(language: Language, glyphs: Glyphs, operatorName: String, centre: Cell) {
        self.language = language
        self.glyphs = glyphs
        self.operatorName = operatorName
        self.centre = centre
        self.cursor = centre
    }

    public func t(_ b: Bilingual) -> String { b(language) }

    /// What the map leaves out right now, said on its title so nothing is hidden without a sign:
    /// hidden layers, the level filter, the tint.
    public var hiddenModes: [Bilingual] {
        var out: [Bilingual] = []
        let layerNames: [(Bool, Bilingual)] = [
            (layers.incidents, Bilingual("incidents", "事件")), (layers.teams, Bilingual("teams", "队伍")), (layers.facilities, Bilingual("facilities", "设施")),
            (layers.labels, Bilingual("labels", "地名")), (layers.terrain, Bilingual("terrain", "地形")), (layers.water, Bilingual("water", "水系")), (layers.roads, Bilingual("roads", "道路")),
        ]
        let hidden = layerNames.filter { !$0.0 }.map(\.1)
        if !hidden.isEmpty {
            out.append(Bilingual("HIDDEN: " + hidden.map(\.en).joined(separator: ", "), "已隐藏：" + hidden.map(\.zh).joined(separator: "、")))
        }
        if minimumLevel > .none { out.append(Bilingual("level ≥ \(minimumLevel.roman) only", "仅显示 \(minimumLevel.roman) 级及以上")) }
        if tintMode != .none { out.append(tintMode.label) }
        return out
    }
}

/// What the runner does for the model: run commands, ring, load a timeline, read the record,
/// send due pages, quit.
public enum Effect: Hashable, Sendable {
    case execute(line: String, commands: [Command])
    case bell
    case loadTimeline(IncidentID)
    /// Read what other consoles, scripts and feeds wrote.
    case poll
    /// Send the escalation pages due at this moment.
    case sendDuePages(Date)
    /// Compute the joint plan for these incidents off the input thread, reporting progress and
    /// the plan as messages for `job`.
    case computePlan(job: Int, incidents: [IncidentID])
    /// Stop computing the plan for `job`; nothing more arrives for it.
    case cancelPlan(job: Int)
    /// Check the whole record off the input thread; its finding comes back as `.recordChecked`.
    case checkRecord
    /// Build the handover brief for the shift since `since` from the record (its events read
    /// back bounded to the shift); it comes back as `.handoverBrief`. `offered`: by the console
    /// at a change of shift, not asked for.
    case loadHandover(since: Date, from: String?, offered: Bool)
    /// Draft the incident's situation report from the record, hand the terminal to the
    /// officer's editor with it, and record what they save as the next version.
    case editSitrep(IncidentID)
    case quit
}

/// The record's health as the last check of the whole record found it.
public enum RecordHealth: Hashable, Sendable {
    case unchecked
    case checking
    case ok
    /// The check failed: the first bad event, and why.
    case tampered(firstBad: Int64?, why: Bilingual?)
}

/// A message into the model: a key, the clock, the terminal's size, new events from the log, a
/// command's outcome, the store's trouble. Everything that changes the console arrives as one.
public enum ConsoleMessage: Sendable {
    case key(Key)
    /// A click or the wheel at a screen cell.
    case mouse(MouseEvent)
    /// The clock, once per turn of the runner's loop.
    case tick(Date)
    /// The terminal changed size (the next frame is laid out for it).
    case resized(width: Int, height: Int)
    case events([RecordedEvent])
    case executed(Result<[RecordedEvent], ExecutionFailure>)
    case timeline(IncidentID, [RecordedEvent])
    /// Reading the record failed (nil: it works again).
    case storeTrouble(Bilingual?)
    /// How far the joint plan for `job` has got (0…1).
    case planProgress(job: Int, fraction: Double)
    /// The joint plan for `job` is ready.
    case planComputed(job: Int, JointPlan)
    /// The check of the whole record is done (nil: this backend has nothing to check).
    case recordChecked(RecordCheck?)
    /// The handover brief asked for (`loadHandover`), ready to show.
    case handoverBrief(HandoverSheet)
}

/// A refused or failed command, as text in the user's language.
public struct ExecutionFailure: Error, Sendable {
    public var text: Bilingual
    public init(_ text: Bilingual) { self.text = text }
}

extension ConsoleModel.Mode {
    /// Whether the bottom row holds only key hints (a long message may then run on over them).
    var showsHints: Bool {
        switch self {
        case .normal, .confirmClose, .help, .legend, .handover: true
        case .command, .search, .find, .dispatch, .report, .planning, .plan: false
        }
    }
}
