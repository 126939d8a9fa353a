package org.duban.testsupport.contract;

import org.duban.testsupport.security.TestKeys;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The authorization matrix of one service: every endpoint of its OpenAPI document × every kind
 * of caller, each answer checked against what the entry allows. Use it in a {@code @QuarkusTest}:
 * <pre>{@code
 * AuthorizationMatrix m = AuthorizationMatrix.of("sfj", "czj");      // own unit, other unit
 * m.entry("GET", "/api/v1/assignments/{id}").path("id", ownAssignmentId).allow(AuthorizationMatrix.READ_OWN);
 * m.entry("POST", "/api/v1/assignments/{id}/urge").path("id", ownAssignmentId).json("{\"comment\":\"请加快\"}")
 *         .allow(AuthorizationMatrix.SUPERVISOR_ONLY);
 * m.entry("GET", "/api/v1/public/plans/{id}").path("id", planId).open();
 * m.secrets("czj", "财政局内部进展-标记");                              // planted in czj's progress report
 * m.run();
 * }</pre>
 * {@link #run()} fails (one assertion listing every mismatch) when:
 * <ul>
 * <li>an operation of the OpenAPI document has no entry, or an entry names no operation;</li>
 * <li>an allowed caller gets 401, 403 or a 5xx;</li>
 * <li>a refused caller with a valid token does not get 403 {@code urn:duban:problem:forbidden} as
 * problem+json; a caller without a token or with an invalid one (expired, tampered, wrong issuer,
 * unknown key) does not get 401 {@code urn:duban:problem:unauthenticated} as problem+json;</li>
 * <li>with {@link #database}: a refused request changed a table;</li>
 * <li>with {@link #secrets}: a 2xx answer contains a text planted in the private data of a unit the
 * caller may not read (another unit's progress summary, evidence link, next steps, reasons…). Who may
 * read a unit's private data: the supervisor and the viewer every unit's, the "own" callers the own
 * unit's, the "other" callers the other unit's, a caller without a valid token (public endpoints) none.</li>
 * </ul>
 * The objects an entry names belong to the own unit; "own" callers hold that unit, "other"
 * callers hold the other unit only. Per entry the refused callers go first, the allowed last (supervisor at the
 * very end), so a write that an allowed caller makes cannot hide what a refused one would do.
 * Allowed answers may be any other status (a 404 or 409 is the service's business, not access).
 */
public final class AuthorizationMatrix {

    /** Who calls. */
    public enum Who {
        SUPERVISOR, VIEWER, OPERATOR_OWN, OPERATOR_OTHER, INTEGRATION_OWN, INTEGRATION_OTHER,
        NO_TOKEN, EXPIRED, TAMPERED, WRONG_ISSUER, FOREIGN_KEY;

        boolean validToken() {
            return ordinal() <= INTEGRATION_OTHER.ordinal();
        }
    }

    public static final Set<Who> EVERY_ROLE = EnumSet.of(Who.SUPERVISOR, Who.VIEWER, Who.OPERATOR_OWN,
            Who.OPERATOR_OTHER, Who.INTEGRATION_OWN, Who.INTEGRATION_OTHER);
    /** Supervisor and viewer, and the units the object belongs to. */
    public static final Set<Who> READ_OWN = EnumSet.of(Who.SUPERVISOR, Who.VIEWER, Who.OPERATOR_OWN, Who.INTEGRATION_OWN);
    /** Supervisor, and the units the object belongs to. */
    public static final Set<Who> ACT_OWN = EnumSet.of(Who.SUPERVISOR, Who.OPERATOR_OWN, Who.INTEGRATION_OWN);
    public static final Set<Who> SUPERVISOR_AND_VIEWER = EnumSet.of(Who.SUPERVISOR, Who.VIEWER);
    public static final Set<Who> SUPERVISOR_ONLY = EnumSet.of(Who.SUPERVISOR);

    private final String ownUnit;
    private final String otherUnit;
    private final List<Entry> entries = new ArrayList<>();
    private final ServiceUnderTest service = new ServiceUnderTest();
    private DatabaseFingerprint fingerprint;
    /** Unit code → texts only callers that may read that unit's work may see. */
    private final Map<String, List<String>> secrets = new LinkedHashMap<>();

    private AuthorizationMatrix(String ownUnit, String otherUnit) {
        this.ownUnit = ownUnit;
        this.otherUnit = otherUnit;
    }

    public static AuthorizationMatrix of(String ownUnit, String otherUnit) {
        return new AuthorizationMatrix(ownUnit, otherUnit);
    }

    /** Checks that refused requests leave every table as it was (see {@link DatabaseFingerprint}). */
    public AuthorizationMatrix database(DatabaseFingerprint fingerprint) {
        this.fingerprint = fingerprint;
        return this;
    }

    public AuthorizationMatrix database(DataSource dataSource) {
        return database(new DatabaseFingerprint(dataSource));
    }

    /**
     * Texts planted in {@code unit}'s private data (a progress summary, an evidence link, a reason…): every 2xx
     * answer, of every entry, to a caller that may not read that unit's work must not contain any of them.
     */
    public AuthorizationMatrix secrets(String unit, String... markers) {
        secrets.computeIfAbsent(unit, k -> new ArrayList<>()).addAll(List.of(markers));
        return this;
    }

    /** An entry for an operation, as the OpenAPI document writes it: ("GET", "/api/v1/units/{code}"). */
    public Entry entry(String method, String openApiPath) {
        Entry e = new Entry(method.toUpperCase(), openApiPath);
        entries.add(e);
        return e;
    }

    public final class Entry extends RequestTemplate<Entry> {
        Set<Who> allowed;
        String label = "";

        Entry(String method, String path) {
            super(method, path);
        }

        @Override
        Entry self() {
            return this;
        }

        public Entry json(String json) {
            return body("application/json", json.getBytes(StandardCharsets.UTF_8));
        }

        /** A second entry for the same operation is told apart by its label (e.g. "?unit=other"). */
        public Entry label(String label) {
            this.label = " " + label;
            return this;
        }

        /** The callers that must get through; every other valid token gets 403, the rest 401. */
        public Entry allow(Set<Who> callers) {
            this.allowed = EnumSet.copyOf(callers);
            return this;
        }

        public Entry allow(Who first, Who... more) {
            return allow(EnumSet.of(first, more));
        }

        /** A public endpoint: every caller gets through, whatever token it sends. */
        public Entry open() {
            this.allowed = EnumSet.allOf(Who.class);
            return this;
        }

        String name() {
            return operation() + label;
        }
    }

    private String token(Who who) {
        return switch (who) {
            case SUPERVISOR -> TestKeys.token("supervisor");
            case VIEWER -> TestKeys.token("viewer");
            case OPERATOR_OWN -> TestKeys.token("unit-operator", ownUnit);
            case OPERATOR_OTHER -> TestKeys.token("unit-operator", otherUnit);
            case INTEGRATION_OWN -> TestKeys.token("integration", ownUnit);
            case INTEGRATION_OTHER -> TestKeys.token("integration", otherUnit);
            case NO_TOKEN -> null;
            case EXPIRED -> TestKeys.expiredToken("supervisor");
            case TAMPERED -> TestKeys.tamperedToken("viewer");
            case WRONG_ISSUER -> TestKeys.wrongIssuerToken("supervisor");
            case FOREIGN_KEY -> TestKeys.tokenSignedByForeignKey("supervisor");
        };
    }

    /** Walks the matrix; one assertion error lists every mismatch. Returns the number of requests sent. */
    public int run() {
        List<String> failures = new ArrayList<>();
        Set<String> operations = service.operations(false);
        Set<String> declared = new TreeSet<>();
        for (Entry e : entries) {
            if (e.allowed == null) {
                failures.add(e.name() + ": no allow(…) or open() given");
            }
            declared.add(e.operation());
        }
        for (String op : operations) {
            if (!declared.contains(op)) {
                failures.add(op + ": endpoint without an entry in the authorization matrix");
            }
        }
        for (String d : declared) {
            if (!operations.contains(d)) {
                failures.add(d + ": entry for an endpoint the OpenAPI document does not have");
            }
        }
        int sent = 0;
        for (Entry e : entries) {
            if (e.allowed == null) {
                continue;
            }
            List<Who> order = new ArrayList<>();
            for (Who w : Who.values()) {
                if (!e.allowed.contains(w)) {
                    order.add(w);
                }
            }
            Map<String, String> before = fingerprint == null ? null : fingerprint.take();
            int refused = order.size();
            for (Who w : Who.values()) {
                if (e.allowed.contains(w) && w != Who.SUPERVISOR) {
                    order.add(w);
                }
            }
            if (e.allowed.contains(Who.SUPERVISOR)) {
                order.add(Who.SUPERVISOR);
            }
            for (int i = 0; i < order.size(); i++) {
                Who w = order.get(i);
                if (i == refused && before != null) {
                    Set<String> changed = DatabaseFingerprint.changed(before, fingerprint.take());
                    if (!changed.isEmpty()) {
                        failures.add(e.name() + ": refused requests changed tables " + changed);
                    }
                }
                Map<String, String> h = new LinkedHashMap<>(e.headers);
                String t = token(w);
                if (t != null) {
                    h.put("Authorization", "Bearer " + t);
                }
                if (!h.containsKey("Accept")) {
                    h.put("Accept", "application/json, application/problem+json, */*;q=0.1");
                }
                ServiceUnderTest.Answer a = service.send(e.method, ServiceUnderTest.url(e.path, e.pathParams, e.query), h,
                        e.contentType, e.body);
                sent++;
                String verdict = judge(e, w, a);
                if (verdict == null) {
                    verdict = leak(w, a);
                }
                if (verdict != null) {
                    failures.add(e.name() + " as " + w + ": " + verdict);
                }
            }
            if (before != null && refused == order.size()) {
                Set<String> changed = DatabaseFingerprint.changed(before, fingerprint.take());
                if (!changed.isEmpty()) {
                    failures.add(e.name() + ": refused requests changed tables " + changed);
                }
            }
        }
        System.out.printf("authorization matrix: %d entries, %d operations, %d requests, %d secrets of %d units, %d mismatches%n",
                entries.size(), operations.size(), sent, secrets.values().stream().mapToInt(List::size).sum(),
                secrets.size(), failures.size());
        if (!failures.isEmpty()) {
            throw new AssertionError(failures.size() + " authorization mismatch(es):\n  " + String.join("\n  ", failures));
        }
        return sent;
    }

    /** The units whose private data {@code who} may read; {@code null} for every unit. */
    private Set<String> readable(Who who) {
        return switch (who) {
            case SUPERVISOR, VIEWER -> null;
            case OPERATOR_OWN, INTEGRATION_OWN -> Set.of(ownUnit);
            case OPERATOR_OTHER, INTEGRATION_OTHER -> Set.of(otherUnit);
            default -> Set.of();
        };
    }

    /** Which planted secret of a unit {@code who} may not read a successful answer shows, or null. */
    private String leak(Who who, ServiceUnderTest.Answer a) {
        Set<String> readable = readable(who);
        if (secrets.isEmpty() || readable == null || a.status() < 200 || a.status() >= 300 || a.body() == null) {
            return null;
        }
        // the body as sent and, for JSON, as parsed (so an escaped non-ASCII text is still found)
        String parsed = a.body().isEmpty() ? "" : a.json().toString();
        List<String> found = new ArrayList<>();
        secrets.forEach((unit, markers) -> {
            if (!readable.contains(unit)) {
                markers.stream().filter(m -> a.body().contains(m) || parsed.contains(m))
                        .forEach(m -> found.add("\"" + m + "\" (of unit " + unit + ")"));
            }
        });
        return found.isEmpty() ? null
                : "the answer shows another unit's private data: " + String.join(", ", found);
    }

    private static String judge(Entry e, Who w, ServiceUnderTest.Answer a) {
        if (e.allowed.contains(w)) {
            if (a.status() == 401 || a.status() == 403 || a.status() >= 500) {
                return "expected to get through, got " + a.status() + " " + abbreviate(a.body());
            }
            return null;
        }
        int expected = w.validToken() ? 403 : 401;
        String type = w.validToken() ? "urn:duban:problem:forbidden" : "urn:duban:problem:unauthenticated";
        if (a.status() != expected) {
            return "expected " + expected + ", got " + a.status() + " " + abbreviate(a.body());
        }
        if (!a.problem() || !type.equals(a.json().path("type").asText())) {
            return "expected a problem+json of type " + type + ", got " + a.contentType() + " " + abbreviate(a.body());
        }
        if (expected == 401 && !a.headers().getOrDefault("www-authenticate", "").startsWith("Bearer")) {
            return "401 without a WWW-Authenticate: Bearer challenge";
        }
        return null;
    }

    static String abbreviate(String s) {
        return s == null ? "" : s.length() <= 300 ? s : s.substring(0, 300) + "…";
    }
}
