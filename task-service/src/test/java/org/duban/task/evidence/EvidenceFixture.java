package org.duban.task.evidence;

import io.restassured.builder.MultiPartSpecBuilder;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.MultiPartSpecification;
import io.restassured.specification.RequestSpecification;
import org.duban.testsupport.security.TestKeys;
import org.duban.task.unit.RegistryUnits;

import java.time.LocalDate;
import java.util.UUID;

import static io.restassured.RestAssured.given;

/**
 * A published plan with one task owed by two units ("own" and "other"), both accepted, for the evidence tests.
 */
final class EvidenceFixture {

    final String own;
    final String other;
    final String planId;
    final String ownAssignment;
    final String otherAssignment;

    EvidenceFixture() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        own = "sfj-" + suffix;
        other = "czj-" + suffix;
        RegistryUnits.seed(own, "珠海市司法局" + suffix);
        RegistryUnits.seed(other, "珠海市财政局" + suffix);
        String body = "{\"documentNumber\":\"珠府办〔2026〕" + suffix + "号\",\"title\":\"珠海市2026年政务公开工作要点分工方案\","
                + "\"year\":" + LocalDate.now().getYear() + ",\"sections\":[{\"title\":\"一、加强用权公开\",\"workItems\":["
                + "{\"title\":\"（一）加强权力配置信息公开\",\"tasks\":[{\"text\":\"做好权责清单动态调整工作。\",\"deadline\":\""
                + LocalDate.now().plusMonths(3) + "\",\"leadUnitCode\":\"" + own + "\",\"responsibleUnitCodes\":[\"" + other
                + "\"]}]}]}]}";
        planId = given().contentType(ContentType.JSON).body(body).post("/api/v1/plans").then().statusCode(201)
                .extract().path("id");
        var published = given().post("/api/v1/plans/" + planId + "/publish").then().statusCode(200).extract();
        String a0 = published.path("sections[0].workItems[0].tasks[0].assignments[0].id");
        String u0 = published.path("sections[0].workItems[0].tasks[0].assignments[0].unitCode");
        String a1 = published.path("sections[0].workItems[0].tasks[0].assignments[1].id");
        ownAssignment = own.equals(u0) ? a0 : a1;
        otherAssignment = own.equals(u0) ? a1 : a0;
    }

    void accept(String assignment, String unit) {
        given().auth().oauth2(operator(unit)).post("/api/v1/assignments/" + assignment + "/accept").then().statusCode(200);
    }

    static String operator(String unit) {
        return TestKeys.token("unit-operator", unit);
    }

    static MultiPartSpecification text(String name, String value) {
        return new MultiPartSpecBuilder(value).controlName(name).charset("UTF-8").mimeType("text/plain").build();
    }

    static MultiPartSpecification file(String fileName, byte[] bytes, String claimedType) {
        return new MultiPartSpecBuilder(bytes).controlName("files").fileName(fileName).mimeType(claimedType).build();
    }

    /**
     * A multipart request as browsers and curl send it: file names as raw UTF-8 (RestAssured's default strict
     * mode would send 会议纪要.pdf as ????.pdf).
     */
    static RequestSpecification multipart(String token) {
        return given().config(io.restassured.RestAssured.config()
                        .httpClient(io.restassured.config.HttpClientConfig.httpClientConfig()
                                .httpMultipartMode(org.apache.http.entity.mime.HttpMultipartMode.BROWSER_COMPATIBLE))
                        .multiPartConfig(io.restassured.config.MultiPartConfig.multiPartConfig().defaultCharset("UTF-8")))
                .auth().oauth2(token).contentType("multipart/form-data");
    }

    /** A report form: summary and percent, then the files. */
    static RequestSpecification form(String token, MultiPartSpecification... files) {
        RequestSpecification r = multipart(token)
                .multiPart(text("summary", "已召开专题会议，权责清单已公开"))
                .multiPart(text("percent", "60"));
        for (MultiPartSpecification f : files) {
            r = r.multiPart(f);
        }
        return r;
    }

    static ValidatableResponse report(String token, String assignment, MultiPartSpecification... files) {
        return form(token, files).post("/api/v1/assignments/" + assignment + "/progress-reports").then();
    }

    /**
     * Sends a report form with one text file of {@code fileBytes} bytes as a CHUNKED body (no Content-Length,
     * as a streaming client sends it), 64 KiB a chunk, on a raw socket; stops sending when the server answers
     * or closes early. Returns the answer: status line, headers and body.
     */
    static String chunkedReport(java.net.URL base, String token, String assignment, long fileBytes) throws Exception {
        String boundary = "duban-chunked-" + UUID.randomUUID();
        String head = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"summary\"\r\n\r\n已召开专题会议\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"percent\"\r\n\r\n60\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"files\"; filename=\"big.txt\"\r\n"
                + "Content-Type: text/plain\r\n\r\n";
        String tail = "\r\n--" + boundary + "--\r\n";
        return chunkedPost(base, token, "/api/v1/assignments/" + assignment + "/progress-reports",
                "multipart/form-data; boundary=" + boundary, head, fileBytes, tail);
    }

    /**
     * POSTs {@code head}, {@code fillBytes} bytes of 'a' and {@code tail} with {@code Transfer-Encoding: chunked} (no
     * Content-Length), stopping early when the server answers; returns the answer's head and body as text.
     */
    static String chunkedPost(java.net.URL base, String token, String path, String contentType, String head,
                              long fillBytes, String tail) throws Exception {
        try (java.net.Socket s = new java.net.Socket(base.getHost(), base.getPort())) {
            s.setSoTimeout(60_000);
            java.io.OutputStream out = new java.io.BufferedOutputStream(s.getOutputStream(), 1 << 16);
            java.io.InputStream in = s.getInputStream();
            try {
                out.write(("POST " + path + " HTTP/1.1\r\nHost: localhost\r\n"
                        + "Authorization: Bearer " + token + "\r\nContent-Type: " + contentType
                        + "\r\nTransfer-Encoding: chunked\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                chunk(out, head.getBytes(java.nio.charset.StandardCharsets.UTF_8));
                byte[] block = new byte[64 * 1024];
                java.util.Arrays.fill(block, (byte) 'a');
                for (long left = fillBytes; left > 0; left -= block.length) {
                    if (in.available() > 0) {
                        break; // answered before the end: the rest is not wanted
                    }
                    chunk(out, left >= block.length ? block : java.util.Arrays.copyOf(block, (int) left));
                }
                chunk(out, tail.getBytes(java.nio.charset.StandardCharsets.UTF_8));
                out.write("0\r\n\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                out.flush();
            } catch (java.io.IOException closedEarly) {
                // the server answered and closed while we were sending: read what it said
            }
            java.io.ByteArrayOutputStream got = new java.io.ByteArrayOutputStream();
            byte[] buf = new byte[8192];
            try {
                for (int n; (n = in.read(buf)) > 0; ) {
                    got.write(buf, 0, n);
                    String sofar = got.toString(java.nio.charset.StandardCharsets.UTF_8);
                    int end = sofar.indexOf("\r\n\r\n");
                    java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?i)content-length: *(\\d+)").matcher(sofar);
                    if (end > 0 && m.find() && got.size() >= end + 4 + Integer.parseInt(m.group(1))) {
                        break;
                    }
                    if (end > 0 && sofar.toLowerCase(java.util.Locale.ROOT).contains("transfer-encoding: chunked")
                            && sofar.endsWith("0\r\n\r\n")) {
                        break;
                    }
                }
            } catch (java.io.IOException reset) {
                // a reset after the answer: keep what arrived
            }
            return got.toString(java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    private static void chunk(java.io.OutputStream out, byte[] data) throws java.io.IOException {
        out.write((Integer.toHexString(data.length) + "\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        out.write(data);
        out.write("\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    }
}
