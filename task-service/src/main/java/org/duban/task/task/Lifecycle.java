package org.duban.task.task;

import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * The assignment lifecycle as a pure state machine: which action is allowed in which state and
 * where it leads. The service asks it before every change; an action it refuses is a 409 that
 * names the current state and the allowed actions.
 *
 * <pre>
 * ASSIGNED ─accept─► ACCEPTED ─report-progress─► IN_PROGRESS ─submit─► SUBMITTED ─complete─► COMPLETED
 *    │                  │  └──────────submit──────────────────────────▲    │
 *    └─return─► RETURNED ◄┘                      IN_PROGRESS ◄─send-back────┘
 * any open state ─cancel─► CANCELLED
 * </pre>
 * Extension requests, urging and deadline changes leave the state as it is.
 */
public final class Lifecycle {
    private Lifecycle() {
    }

    /** What a unit (U) or the supervisor (S) can do to an assignment; the slug is the API's name. */
    public enum Action {
        ACCEPT("accept"),                       // U 签收
        REPORT_PROGRESS("report-progress"),     // U 进展报送
        SUBMIT("submit"),                       // U 报结
        COMPLETE("complete"),                   // S 办结
        SEND_BACK("send-back"),                 // S 退回重办
        RETURN("return"),                       // U 退回 (not our responsibility)
        REQUEST_EXTENSION("request-extension"), // U 延期申请
        APPROVE_EXTENSION("approve-extension"), // S
        REJECT_EXTENSION("reject-extension"),   // S
        URGE("urge"),                           // S 催办
        CHANGE_DEADLINE("change-deadline"),     // S
        CANCEL("cancel");                       // S

        private final String slug;

        Action(String slug) {
            this.slug = slug;
        }

        public String slug() {
            return slug;
        }
    }

    /** Refused: {@code action} is not allowed in {@code state}. */
    public static final class IllegalTransition extends RuntimeException {
        public final Assignment.State state;
        public final Action action;
        public final Set<Action> allowed;

        IllegalTransition(Assignment.State state, Action action, Set<Action> allowed) {
            super("Cannot " + action.slug() + " an assignment that is " + state);
            this.state = state;
            this.action = action;
            this.allowed = allowed;
        }
    }

    private static final Map<Assignment.State, Map<Action, Assignment.State>> TABLE = new EnumMap<>(Assignment.State.class);

    static {
        for (Assignment.State s : Assignment.State.values()) {
            TABLE.put(s, new EnumMap<>(Action.class));
        }
        Assignment.State assigned = Assignment.State.ASSIGNED;
        Assignment.State accepted = Assignment.State.ACCEPTED;
        Assignment.State inProgress = Assignment.State.IN_PROGRESS;
        Assignment.State submitted = Assignment.State.SUBMITTED;

        TABLE.get(assigned).put(Action.ACCEPT, accepted);
        TABLE.get(assigned).put(Action.RETURN, Assignment.State.RETURNED);

        TABLE.get(accepted).put(Action.REPORT_PROGRESS, inProgress);
        TABLE.get(accepted).put(Action.SUBMIT, submitted);
        TABLE.get(accepted).put(Action.RETURN, Assignment.State.RETURNED);

        TABLE.get(inProgress).put(Action.REPORT_PROGRESS, inProgress);
        TABLE.get(inProgress).put(Action.SUBMIT, submitted);

        TABLE.get(submitted).put(Action.COMPLETE, Assignment.State.COMPLETED);
        TABLE.get(submitted).put(Action.SEND_BACK, inProgress);

        // a unit asks for more time once it has taken the work on
        for (Assignment.State s : EnumSet.of(accepted, inProgress)) {
            TABLE.get(s).put(Action.REQUEST_EXTENSION, s);
        }
        // the supervisor decides a pending request, moves the deadline and cancels while it is open
        for (Assignment.State s : EnumSet.of(assigned, accepted, inProgress, submitted)) {
            TABLE.get(s).put(Action.APPROVE_EXTENSION, s);
            TABLE.get(s).put(Action.REJECT_EXTENSION, s);
            TABLE.get(s).put(Action.CHANGE_DEADLINE, s);
            TABLE.get(s).put(Action.CANCEL, Assignment.State.CANCELLED);
        }
        // urging makes sense only while the unit still has something to do
        for (Assignment.State s : EnumSet.of(assigned, accepted, inProgress)) {
            TABLE.get(s).put(Action.URGE, s);
        }
    }

    /** The state after {@code action}, or {@link IllegalTransition}. */
    public static Assignment.State next(Assignment.State state, Action action) {
        Assignment.State to = TABLE.get(state).get(action);
        if (to == null) {
            throw new IllegalTransition(state, action, allowed(state));
        }
        return to;
    }

    /** The actions allowed in {@code state}, in declaration order. */
    public static Set<Action> allowed(Assignment.State state) {
        return Collections.unmodifiableSet(new LinkedHashSet<>(TABLE.get(state).keySet()));
    }

    /** Open states: the unit (or the supervisor) still owes a step. */
    public static boolean isOpen(Assignment.State state) {
        return !isClosed(state);
    }

    public static boolean isClosed(Assignment.State state) {
        return state == Assignment.State.COMPLETED || state == Assignment.State.RETURNED
                || state == Assignment.State.CANCELLED;
    }
}
