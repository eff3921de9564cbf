package io.meshplate.reach;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.meshplate.Workspace;
import io.meshplate.pipeline.Pipeline;
import io.meshplate.pipeline.Selection;
import io.meshplate.testing.TestFiles;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code reach --format html} loaded in a real headless Chromium, driven through the Chrome
 * DevTools Protocol (a WebSocket from the JDK's own HTTP client): the page draws the example
 * tenants' graph, loads nothing from the network, shows the deciding objects of a flow when its
 * arrow is clicked and filters by tenant. A screenshot is kept in {@code target/reach-html.png}.
 * CI installs Debian's {@code chromium} ({@code .ci/run}); elsewhere the test skips without it.
 */
class HtmlReportBrowserTest {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  @Test
  void pageDrawsTheGraphAndShowsTheDecidingObjectsOnClick() throws Exception {
    String chromium = chromium();
    Path target = Path.of("target").toAbsolutePath();
    Files.createDirectories(target);
    Path page = target.resolve("reach-report.html");
    Report report = new Pipeline(new Workspace(Path.of(""))).reach(Selection.ALL, false, null, null, true, false);
    Files.writeString(page, Reach.format(report, ReachFormat.HTML, false), StandardCharsets.UTF_8);

    Path profile = Files.createTempDirectory(target, "chromium-profile-");
    Process browser = new ProcessBuilder(chromium, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--user-data-dir=" + profile, "--remote-debugging-port=0", "--window-size=1600,1000", "about:blank")
        .redirectErrorStream(true).start();
    try (Devtools devtools = Devtools.connect(browser)) {
      devtools.call("Network.enable", Map.of());
      devtools.call("Page.enable", Map.of());
      devtools.call("Page.navigate", Map.of("url", page.toUri().toString()));
      devtools.await("document.readyState === 'complete' && document.querySelectorAll('path.edge').length > 0");

      assertThat(devtools.eval("document.title")).isEqualTo("meshplate reach");
      assertThat(devtools.eval("Array.from(document.querySelectorAll('#overlay option')).map(o => o.value).join(',')"))
          .isEqualTo("dev,prod,prod-eu,stage");
      String edge = "path.edge[data-from=\"storefront/web\"][data-to=\"payments/api\"]";
      assertThat(devtools.eval("document.querySelectorAll('" + edge.replace("'", "\\'") + "').length")).isEqualTo("1");

      devtools.eval("document.querySelector('" + edge.replace("'", "\\'")
          + "').dispatchEvent(new MouseEvent('click', {bubbles: true}))");
      String details = devtools.eval("document.getElementById('details').innerText");
      assertThat(details).contains("payments/api:8080 ← storefront/web").contains("GET, POST /v1/payments, /v1/payments/*")
          .contains("AuthorizationPolicy/payments-dev/api-allow")
          .contains("output/dev/tenants/payments/authorization-policy.yaml:")
          .contains("NetworkPolicy/storefront-dev/allow-egress-to-payments-api");
      devtools.screenshot(target.resolve("reach-html.png"));

      devtools.eval("(() => { const s = document.getElementById('tenant'); s.value = 'ledger';"
          + " s.dispatchEvent(new Event('change')); })()");
      String ends = devtools.eval("Array.from(document.querySelectorAll('path.edge'))"
          + ".map(e => e.dataset.from + '>' + e.dataset.to).join(' ')");
      assertThat(ends.split(" ")).isNotEmpty().allSatisfy(e -> assertThat(e).contains("ledger/"));

      assertThat(devtools.requests()).as("requests the page made").allSatisfy(url -> assertThat(url).startsWith("file:"));
    } finally {
      stop(browser);
      deleteProfile(profile);
    }
  }

  /** Stops Chromium and its helper processes, which keep writing the profile for a moment otherwise. */
  private static void stop(Process browser) throws InterruptedException {
    List<ProcessHandle> helpers = browser.descendants().toList();
    browser.destroy();
    helpers.forEach(ProcessHandle::destroy);
    if (!browser.waitFor(10, TimeUnit.SECONDS)) {
      browser.destroyForcibly();
    }
    for (ProcessHandle helper : helpers) {
      helper.onExit().orTimeout(10, TimeUnit.SECONDS).exceptionally(e -> helper).join();
    }
  }

  /** The throwaway profile under target/; a leftover there is harmless, so a late write is retried, not fatal. */
  private static void deleteProfile(Path profile) throws InterruptedException {
    for (int attempt = 0; attempt < 5; attempt++) {
      try {
        TestFiles.delete(profile);
        return;
      } catch (UncheckedIOException stillWritten) {
        Thread.sleep(200);
      }
    }
  }

  /** The Chromium binary: required in CI, skipped with a message elsewhere. */
  private static String chromium() {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      for (String name : List.of("chromium", "chromium-browser", "google-chrome")) {
        if (Files.isExecutable(Path.of(dir, name))) {
          return Path.of(dir, name).toString();
        }
      }
    }
    String message = "chromium not found on PATH: the HTML report is checked in a real browser in CI"
        + " (install it with apt-get install -y chromium to run this test)";
    if ("true".equals(System.getenv("CI"))) {
      fail(message + "; CI must provide it (.ci/run installs it)");
    }
    Assumptions.abort(message);
    return null;
  }

  /** A minimal Chrome DevTools Protocol client: commands by id, page events collected. */
  private static final class Devtools implements AutoCloseable, WebSocket.Listener {
    private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final AtomicInteger ids = new AtomicInteger();
    private final StringBuilder partial = new StringBuilder();
    private WebSocket socket;

    static Devtools connect(Process browser) throws Exception {
      BufferedReader out = new BufferedReader(new InputStreamReader(browser.getInputStream(), StandardCharsets.UTF_8));
      Pattern listening = Pattern.compile("DevTools listening on ws://127\\.0\\.0\\.1:(\\d+)/");
      String port = null;
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      List<String> lines = new ArrayList<>();
      while (port == null && System.nanoTime() < deadline) {
        String line = out.readLine();
        if (line == null) {
          throw new AssertionError("chromium exited: " + lines);
        }
        lines.add(line);
        Matcher m = listening.matcher(line);
        if (m.find()) {
          port = m.group(1);
        }
      }
      if (port == null) {
        throw new AssertionError("chromium did not open its DevTools port: " + lines);
      }
      Thread drain = new Thread(() -> out.lines().forEach(l -> { }));
      drain.setDaemon(true);
      drain.start();
      HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
      String list = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/json/list")).build(),
          HttpResponse.BodyHandlers.ofString()).body();
      String url = null;
      for (JsonNode target : JSON.readTree(list)) {
        if ("page".equals(target.get("type").asString())) {
          url = target.get("webSocketDebuggerUrl").asString();
        }
      }
      Devtools devtools = new Devtools();
      devtools.socket = http.newWebSocketBuilder().buildAsync(URI.create(url), devtools).get(30, TimeUnit.SECONDS);
      return devtools;
    }

    JsonNode call(String method, Map<String, Object> params) throws Exception {
      int id = ids.incrementAndGet();
      CompletableFuture<JsonNode> result = new CompletableFuture<>();
      pending.put(id, result);
      socket.sendText(JSON.writeValueAsString(Map.of("id", id, "method", method, "params", params)), true);
      JsonNode reply = result.get(60, TimeUnit.SECONDS);
      if (reply.has("error")) {
        throw new AssertionError(method + ": " + reply.get("error"));
      }
      return reply.get("result");
    }

    /** Evaluates JavaScript in the page; the value as a string. */
    String eval(String expression) throws Exception {
      JsonNode result = call("Runtime.evaluate", Map.of("expression", expression, "returnByValue", true));
      if (result.has("exceptionDetails")) {
        throw new AssertionError(expression + ": " + result.get("exceptionDetails"));
      }
      JsonNode value = result.get("result").get("value");
      return value == null || value.isNull() ? null : value.isString() ? value.asString() : value.toString();
    }

    void await(String condition) throws Exception {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (!"true".equals(eval("Boolean(" + condition + ")"))) {
        if (System.nanoTime() > deadline) {
          throw new AssertionError("page never satisfied: " + condition);
        }
        Thread.sleep(100);
      }
    }

    void screenshot(Path file) throws Exception {
      JsonNode shot = call("Page.captureScreenshot", Map.of("format", "png"));
      Files.write(file, Base64.getDecoder().decode(shot.get("data").asString()));
    }

    List<String> requests() {
      return List.copyOf(requests);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        JsonNode message = JSON.readTree(partial.toString());
        partial.setLength(0);
        if (message.has("id")) {
          CompletableFuture<JsonNode> future = pending.remove(message.get("id").asInt());
          if (future != null) {
            future.complete(message);
          }
        } else if ("Network.requestWillBeSent".equals(message.path("method").asString())) {
          requests.add(message.get("params").get("request").get("url").asString());
        }
      }
      webSocket.request(1);
      return null;
    }

    @Override
    public void close() {
      try {
        call("Browser.close", Map.of());
      } catch (Exception ignored) {
        // the process is destroyed next anyway
      }
    }
  }
}
