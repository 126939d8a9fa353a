package org.duban.systemtest;

import com.sun.net.httpserver.HttpServer;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import org.duban.infra.ServiceProcess.Service;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.SearchContext;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The portal widget in a real browser: a page served from another origin (a JDK HTTP server on its own
 * port) embeds task-service's {@code duban-progress.js}; Debian's headless Chromium, driven by its
 * chromedriver through Selenium, shows the published plan's sections and progress as the public API has them.
 * Skipped when /usr/bin/chromium or /usr/bin/chromedriver is missing (.ci/run installs them).
 */
class WidgetBrowserTest {

    static final File CHROMIUM = new File("/usr/bin/chromium");
    static final File CHROMEDRIVER = new File("/usr/bin/chromedriver");

    @Test
    void aPortalOnAnotherOriginShowsThePublishedPlansSectionsAndProgress() throws Exception {
        assumeTrue(CHROMIUM.canExecute() && CHROMEDRIVER.canExecute(),
                "the browser test needs /usr/bin/chromium and /usr/bin/chromedriver: install Debian's chromium and chromium-driver"
                        + " (apt-get install chromium chromium-driver; .ci/run does this)");
        Suite suite = Suite.get();
        Api api = new Api(suite);
        api.ensureZhuhai();

        String planId = publishedPlanWithOneTaskCompleted(suite);
        // the public figures follow the plan's events within moments: wait for the completion to show
        JsonPath[] read = new JsonPath[1];
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300)).until(() -> {
            Response r = given().get(suite.url(Service.TASK) + "/public/plans/" + planId);
            if (r.statusCode() != 200) {
                return false;
            }
            read[0] = r.jsonPath();
            return read[0].getInt("sections[0].counts.completed") == 1;
        });
        JsonPath expected = read[0];
        List<String> sectionTitles = expected.getList("sections.title");
        assertEquals(List.of("一、加强用权公开", "二、加强政府网站建设"), sectionTitles);
        String firstRow = expected.getInt("sections[0].counts.completed") + "/" + expected.getInt("sections[0].counts.assigned")
                + "（" + percent(expected.getDouble("sections[0].counts.completionRate")) + "%）";

        String taskBase = "http://127.0.0.1:" + URI(suite.url(Service.TASK)).getPort();
        String html = """
                <!doctype html>
                <html lang="zh-CN"><head><meta charset="utf-8"><title>珠海市人民政府门户网站 · 督办进度</title>
                <script src="%s/widget/duban-progress.js" defer></script></head>
                <body style="margin:16px;background:#fff"><h1 style="font:20px sans-serif">政务公开 · 督办进度</h1>
                <duban-progress id="progress" plan="%s" refresh="0"></duban-progress></body></html>
                """.formatted(taskBase, planId);
        HttpServer portal = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        portal.createContext("/", exchange -> {
            byte[] body = html.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        portal.start();
        Path profile = Files.createTempDirectory("duban-chromium-");
        System.setProperty("SE_AVOID_STATS", "true");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER).usingAnyFreePort().build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--window-size=1000,800", "--user-data-dir=" + profile);
        ChromeDriver browser = new ChromeDriver(service, options);
        try {
            // the portal's origin (its own port) differs from task-service's: the widget reads across origins (CORS)
            String portalUrl = "http://127.0.0.1:" + portal.getAddress().getPort() + "/";
            browser.get(portalUrl);
            WebElement widget = browser.findElement(By.id("progress"));
            String[] shown = new String[1];
            new WebDriverWait(browser, Duration.ofSeconds(30)).until(d -> {
                SearchContext shadow = widget.getShadowRoot();
                List<WebElement> titles = shadow.findElements(By.cssSelector(".section .title"));
                List<WebElement> errors = shadow.findElements(By.cssSelector(".error"));
                if (!errors.isEmpty()) {
                    shown[0] = errors.get(0).getText();
                    throw new AssertionError("the widget shows an error: " + shown[0]);
                }
                return titles.size() == sectionTitles.size();
            });
            SearchContext shadow = widget.getShadowRoot();
            assertEquals(expected.getString("title"), shadow.findElement(By.cssSelector("h2")).getText());
            List<String> titles = shadow.findElements(By.cssSelector(".section .title")).stream()
                    .map(WebElement::getText).collect(Collectors.toList());
            assertEquals(sectionTitles, titles);
            // section 1's figures, as the public API has them, on its row and in its progress bar
            WebElement first = shadow.findElements(By.cssSelector(".section")).get(0);
            String row = first.findElement(By.cssSelector(".row")).getText();
            assertTrue(row.contains(firstRow), row + " should show " + firstRow);
            assertEquals(percent(expected.getDouble("sections[0].counts.completionRate")),
                    first.findElement(By.cssSelector("[role=progressbar]")).getAttribute("aria-valuenow"));
            String meta = shadow.findElement(By.cssSelector(".meta")).getText();
            assertTrue(meta.contains("分工任务" + expected.getInt("counts.assigned") + "项"), meta);
            assertTrue(meta.contains("已办结" + expected.getInt("counts.completed") + "项"), meta);

            File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
            Path target = suite.root.resolve("system-tests/target/widget.png");
            Files.createDirectories(target.getParent());
            Files.copy(shot.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            browser.quit();
            portal.stop(0);
            deleteTree(profile);
        }
    }

    /** A small published plan of two sections over Zhuhai demo units; the 市司法局's task is completed. */
    private static String publishedPlanWithOneTaskCompleted(Suite suite) {
        Api api = new Api(suite);
        String number = "珠督测〔2020〕" + UUID.randomUUID().toString().substring(0, 6) + "号";
        String body = """
                {"documentNumber":"%s","title":"珠海市2020年政务公开工作要点分工方案（浏览器测试）","year":2020,
                 "defaultDeadline":"2020-12-31",
                 "sections":[
                  {"title":"一、加强用权公开","workItems":[{"title":"（一）加强权力配置信息公开","tasks":[
                    {"text":"全面梳理行政执法事项，公开行政执法信息。","leadUnitCode":"sfj"},
                    {"text":"动态调整权责清单并及时公开。","leadUnitCode":"zsj","responsibleUnitCodes":["xzq"]}]}]},
                  {"title":"二、加强政府网站建设","workItems":[{"title":"（一）提升政府网站服务能力","tasks":[
                    {"text":"全市政府网站全部支持互联网协议第6版。","leadUnitCode":"zsj"}]}]}]}
                """.formatted(number);
        JsonPath published = api.createAndPublishPlan(body);
        String assignment = published.getString("sections[0].workItems[0].tasks[0].assignments[0].id");
        for (String action : List.of("accept", "submit", "complete")) {
            given().post(suite.url(Service.TASK) + "/assignments/" + assignment + "/" + action).then().statusCode(200);
        }
        return published.getString("id");
    }

    /** Best effort: the browser's throwaway profile. */
    private static void deleteTree(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (java.io.IOException | java.io.UncheckedIOException e) {
            // left for the OS to clean
        }
    }

    /** The widget's rounding: a share as a percentage with at most one decimal, as JavaScript prints it. */
    private static String percent(double rate) {
        double p = Math.round(rate * 1000) / 10.0;
        return p == Math.rint(p) ? String.valueOf((long) p) : String.valueOf(p);
    }

    private static java.net.URI URI(String url) {
        return java.net.URI.create(url);
    }
}
