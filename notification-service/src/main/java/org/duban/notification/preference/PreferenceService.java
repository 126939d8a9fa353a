package org.duban.notification.preference;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.duban.common.problem.Problem;
import org.duban.common.problem.ProblemException;
import org.duban.common.problem.ProblemType;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A unit's preferences: per event type ({@code *} for all) and external channel (email, webhook),
 * OFF, IMMEDIATE or DIGEST (email only). Without a row the channel is IMMEDIATE. The inbox is always
 * on: it is the record every other channel and the live stream refer to.
 */
@ApplicationScoped
@Transactional
public class PreferenceService {

    public enum Mode { OFF, IMMEDIATE, DIGEST }

    public static final Set<String> CHANNELS = Set.of("email", "webhook");

    /** The mode for (unit, type, channel): the type's own row, else the unit's {@code *} row, else IMMEDIATE. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Mode mode(String unitCode, String eventType, String channel) {
        List<Preference> rows = Preference.list("unitCode = ?1 and channel = ?2 and eventType in (?3, ?4)",
                unitCode, channel, eventType, Preference.ANY_TYPE);
        Mode any = Mode.IMMEDIATE;
        for (Preference p : rows) {
            if (p.eventType.equals(eventType)) {
                return Mode.valueOf(p.mode);
            }
            any = Mode.valueOf(p.mode);
        }
        return any;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<PreferenceApi.PreferenceItem> list(String unitCode) {
        return Preference.<Preference>list("unitCode = ?1 order by eventType, channel", unitCode).stream()
                .map(p -> new PreferenceApi.PreferenceItem(p.eventType, p.channel, PreferenceApi.Mode.valueOf(p.mode)))
                .toList();
    }

    /** Replaces all of the unit's preferences; one invalid item changes nothing. */
    public List<PreferenceApi.PreferenceItem> replace(String unitCode, List<PreferenceApi.PreferenceItem> items) {
        List<Problem.FieldError> errors = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < items.size(); i++) {
            PreferenceApi.PreferenceItem it = items.get(i);
            String at = "items[" + i + "]";
            if (!CHANNELS.contains(it.channel())) {
                errors.add(new Problem.FieldError(at + ".channel", "must be email or webhook", it.channel()));
            } else if (it.mode() == PreferenceApi.Mode.DIGEST && !"email".equals(it.channel())) {
                errors.add(new Problem.FieldError(at + ".mode", "DIGEST is only for email", it.mode().name()));
            }
            if (!seen.add(it.eventType() + "|" + it.channel())) {
                errors.add(new Problem.FieldError(at, "duplicate event type and channel", it.eventType()));
            }
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(ProblemType.VALIDATION, "Some preferences are invalid", errors);
        }
        Preference.delete("unitCode", unitCode);
        for (PreferenceApi.PreferenceItem it : items) {
            Preference p = new Preference();
            p.unitCode = unitCode;
            p.eventType = it.eventType();
            p.channel = it.channel();
            p.mode = it.mode().name();
            p.persist();
        }
        return list(unitCode);
    }
}
