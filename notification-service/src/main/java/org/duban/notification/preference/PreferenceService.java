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
        return mode(Preference.list("unitCode = ?1 and channel = ?2 and eventType in (?3, ?4)",
                unitCode, channel, eventType, Preference.ANY_TYPE), eventType, channel);
    }

    /** The mode for (type, channel) among {@code rows}, all of one unit (the consumer reads a batch's units at once). */
    public static Mode mode(List<Preference> rows, String eventType, String channel) {
        Mode any = Mode.IMMEDIATE;
        for (Preference p : rows) {
            if (!p.channel.equals(channel)) {
                continue;
            }
            if (p.eventType.equals(eventType)) {
                return Mode.valueOf(p.mode);
            }
            if (Preference.ANY_TYPE.equals(p.eventType)) {
                any = Mode.valueOf(p.mode);
            }
        }
        return any;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<PreferenceApi.PreferenceItem> list(String unitCode) {
        return Preference.<Preference>list("unitCode = ?1 order by eventType, channel", unitCode).stream()
                .map(p -> new PreferenceApi.PreferenceItem(p.eventType, p.channel, PreferenceApi.Mode.valueOf(p.mode)))
                .toList();
    }

    /**
     * The version of a unit's preference set, for ETag/If-Match: a digest of its items (the set has
     * no row of its own to count versions on, and "no rows" is a state too).
     */
    public static String etag(List<PreferenceApi.PreferenceItem> items) {
        StringBuilder sb = new StringBuilder();
        for (PreferenceApi.PreferenceItem it : items) {
            sb.append(it.eventType()).append('|').append(it.channel()).append('|').append(it.mode()).append('\n');
        }
        try {
            byte[] d = java.security.MessageDigest.getInstance("SHA-256").digest(sb.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(d, 0, 12);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Replaces all of the unit's preferences; one invalid item changes nothing. With
     * {@code ifMatch} (the ETag read), a set changed since then is a 412 and stays as it is.
     */
    public List<PreferenceApi.PreferenceItem> replace(String unitCode, List<PreferenceApi.PreferenceItem> items, String ifMatch) {
        // one writer per unit at a time, so the If-Match comparison and the replacement are one step
        Preference.getEntityManager().createNativeQuery("select pg_advisory_xact_lock(hashtext(?1))")
                .setParameter(1, "notification-preferences:" + unitCode).getSingleResult();
        String expected = ifMatch == null ? null : ifMatch.strip().replaceFirst("^W/", "").replace("\"", "");
        if (expected != null && !expected.isEmpty() && !expected.equals("*")) {
            String current = etag(list(unitCode));
            if (!current.equals(expected)) {
                throw new ProblemException(ProblemType.PRECONDITION_FAILED,
                        "The preferences of unit '" + unitCode + "' changed since you read them: read them again");
            }
        }
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
