import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * bench/counter's load driver: N cashiers (each its own signed-in session, as at the counter) post single
 * payments to POST /api/v1/payments with an Idempotency-Key for a fixed time against a running CivicDesk.
 * Usage: java CounterLoad.java baseUrl cashiers seconds accounts [thinkMs] [own or shared] [warmupSeconds]. With own (the default)
 * each cashier is a staff user of their own with their own drawer; shared posts every session into the demo
 * cashier's one drawer. thinkMs is each cashier's mean pause between payments (0: back to back). Prints one
 * JSON line.
 */
public class CounterLoad {

    static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*(?:content|value)=\"([^\"]+)\"");

    static String luhnAccount(long seq) {
        String body = Long.toString(seq);
        int sum = 0;
        boolean twice = true;
        for (int i = body.length() - 1; i >= 0; i--) {
            int d = body.charAt(i) - '0';
            if (twice) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
            twice = !twice;
        }
        return body + ((10 - sum % 10) % 10);
    }

    record Session(HttpClient client, String csrf) {
    }

    static Session signIn(String base, String user) throws Exception {
        HttpClient client = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NORMAL).build();
        String login = client.send(HttpRequest.newBuilder(URI.create(base + "/login")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        Matcher m = CSRF.matcher(login);
        if (!m.find()) {
            throw new IllegalStateException("no CSRF token on /login");
        }
        String form = "username=" + user + "&password=civicdesk-demo&_csrf=" + URLEncoder.encode(m.group(1), StandardCharsets.UTF_8);
        client.send(HttpRequest.newBuilder(URI.create(base + "/login")).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        String page = client.send(HttpRequest.newBuilder(URI.create(base + "/cashiering")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        Matcher c = Pattern.compile("name=\"_csrf\" content=\"([^\"]+)\"").matcher(page);
        if (!c.find()) {
            throw new IllegalStateException("not signed in as " + user + " (no CSRF meta on /cashiering)");
        }
        return new Session(client, c.group(1));
    }

    static HttpResponse<String> postJson(Session s, String base, String path, String key, String json) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
                .header("X-CSRF-TOKEN", s.csrf()).POST(HttpRequest.BodyPublishers.ofString(json));
        if (key != null) {
            b.header("Idempotency-Key", key);
        }
        return s.client().send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\":\"?([^\",}]+)").matcher(json);
        if (!m.find()) {
            throw new IllegalStateException("no " + name + " in " + json);
        }
        return m.group(1);
    }

    /** A cashier of their own: created by the administrator, first sign-in with the temporary password, changed. */
    static Session newCashier(Session admin, String base, String username) throws Exception {
        HttpResponse<String> created = postJson(admin, base, "/api/v1/staff-users", null, "{\"username\":\"" + username
                + "\",\"displayName\":\"Counter " + username + "\",\"roles\":[\"CASHIER\"]}");
        if (created.statusCode() != 201) {
            throw new IllegalStateException("could not create " + username + ": " + created.statusCode() + " " + created.body());
        }
        String temporary = field(created.body(), "temporaryPassword");
        String chosen = "Counter-bench-pass-" + username.substring(username.length() - 3);
        HttpClient client = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NORMAL).build();
        String login = client.send(HttpRequest.newBuilder(URI.create(base + "/login")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        Matcher m = CSRF.matcher(login);
        if (!m.find()) {
            throw new IllegalStateException("no CSRF token on /login");
        }
        // the first sign-in lands on the password change page (must change the temporary password)
        String page = client.send(HttpRequest.newBuilder(URI.create(base + "/login")).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=" + username + "&password=" + URLEncoder.encode(temporary, StandardCharsets.UTF_8)
                        + "&_csrf=" + URLEncoder.encode(m.group(1), StandardCharsets.UTF_8))).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        Matcher p = CSRF.matcher(page);
        if (!p.find()) {
            throw new IllegalStateException("no password change form for " + username);
        }
        HttpResponse<String> changed = client.send(HttpRequest.newBuilder(URI.create(base + "/account/password")).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("currentPassword=" + URLEncoder.encode(temporary, StandardCharsets.UTF_8)
                        + "&newPassword=" + chosen + "&confirmPassword=" + chosen + "&_csrf=" + URLEncoder.encode(p.group(1), StandardCharsets.UTF_8))).build(),
                HttpResponse.BodyHandlers.ofString());
        if (changed.uri().getPath().startsWith("/account/password")) {
            throw new IllegalStateException("password change refused for " + username);
        }
        String cashiering = client.send(HttpRequest.newBuilder(URI.create(base + "/cashiering")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        Matcher c = Pattern.compile("name=\"_csrf\" content=\"([^\"]+)\"").matcher(cashiering);
        if (!c.find()) {
            throw new IllegalStateException("not signed in as " + username + " (no CSRF meta on /cashiering)");
        }
        return new Session(client, c.group(1));
    }

    static long openDrawer(Session s, String base, String cashier) throws Exception {
        HttpResponse<String> opened = postJson(s, base, "/api/v1/drawers", null, "{}");
        if (opened.statusCode() == 201) {
            return Long.parseLong(field(opened.body(), "id"));
        }
        String drawers = s.client().send(HttpRequest.newBuilder(URI.create(base + "/api/v1/drawers")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        Matcher dm = Pattern.compile("\"id\":(\\d+),\"cashier\":\"" + cashier + "\"[^}]*\"status\":\"OPEN\"").matcher(drawers);
        if (!dm.find()) {
            throw new IllegalStateException("no open drawer for " + cashier + ": " + opened.statusCode() + " " + opened.body());
        }
        return Long.parseLong(dm.group(1));
    }

    public static void main(String[] args) throws Exception {
        String base = args[0];
        int cashiers = Integer.parseInt(args[1]);
        int seconds = Integer.parseInt(args[2]);
        int accounts = Integer.parseInt(args[3]);
        long thinkMs = args.length > 4 ? Long.parseLong(args[4]) : 0;
        boolean ownDrawers = args.length <= 5 || !args[5].equals("shared");
        int warmup = args.length > 6 ? Integer.parseInt(args[6]) : 0;
        String run = Long.toString(System.currentTimeMillis(), 36);
        List<Session> sessions = new ArrayList<>();
        long[] drawerOf = new long[cashiers];
        if (ownDrawers) {
            // a city counter: each cashier signs in as themselves and opens their own drawer
            Session admin = signIn(base, "admin");
            for (int i = 0; i < cashiers; i++) {
                String name = String.format("counter-%s-%03d", run, i + 1);
                Session s = newCashier(admin, base, name);
                sessions.add(s);
                drawerOf[i] = openDrawer(s, base, name);
            }
        } else {
            // the old shape: every session is the demo cashier and posts into that one drawer
            Session first = signIn(base, "cashier");
            long drawerId = openDrawer(first, base, "cashier");
            for (int i = 0; i < cashiers; i++) {
                sessions.add(signIn(base, "cashier"));
                drawerOf[i] = drawerId;
            }
        }
        // sign-ins are done (bcrypt on every one): profilers and CPU counters start now
        System.err.println("ready");
        System.err.flush();
        Thread.sleep(1000);
        // payments during the warm-up (JIT compilation of a fresh server) post but are not counted
        long measureFrom = System.nanoTime() + warmup * 1_000_000_000L;
        // the script reads the server's CPU and JIT counters when the measured part begins
        Thread marker = new Thread(() -> {
            try {
                Thread.sleep(Math.max(0, (measureFrom - System.nanoTime()) / 1_000_000));
            } catch (InterruptedException e) {
                return;
            }
            System.err.println("measuring");
            System.err.flush();
        });
        marker.setDaemon(true);
        marker.start();
        long end = measureFrom + seconds * 1_000_000_000L;
        AtomicLong errors = new AtomicLong();
        AtomicLong warmupPayments = new AtomicLong();
        List<long[]> latencies = new ArrayList<>();
        CountDownLatch done = new CountDownLatch(cashiers);
        long started = measureFrom;
        for (int t = 0; t < cashiers; t++) {
            int id = t;
            long[] mine = new long[2_000_000];
            latencies.add(mine);
            new Thread(() -> {
                int n = 0;
                long seq = 0;
                java.util.Random random = new java.util.Random(id);
                try {
                    while (System.nanoTime() < end && n < mine.length - 1) {
                        String account = luhnAccount(100_000_001L + random.nextInt(accounts));
                        long cents = 500 + random.nextInt(20_000);
                        String amount = (cents / 100) + "." + String.format("%02d", cents % 100);
                        long drawerId = drawerOf[id];
                        String json = random.nextInt(4) == 0
                                ? "{\"source\":\"DRAWER\",\"tenderControlId\":" + drawerId + ",\"tenders\":[{\"type\":\"CASH\",\"amount\":"
                                  + amount + "}],\"allocations\":[{\"receivableType\":\"miscellaneous\",\"reference\":\"COPIES\",\"amount\":" + amount + "}]}"
                                : "{\"source\":\"DRAWER\",\"tenderControlId\":" + drawerId + ",\"tenders\":[{\"type\":\"CASH\",\"amount\":"
                                  + amount + "}],\"allocations\":[{\"receivableType\":\"utility-account\",\"reference\":\"" + account
                                  + "\",\"amount\":" + amount + "}]}";
                        long t0 = System.nanoTime();
                        HttpResponse<String> r = postJson(sessions.get(id), base, "/api/v1/payments", "bench-" + run + "-" + id + "-" + seq++, json);
                        if (t0 >= measureFrom) {
                            mine[n + 1] = System.nanoTime() - t0;
                            n++;
                        } else {
                            warmupPayments.incrementAndGet();
                        }
                        if (r.statusCode() != 201) {
                            if (errors.incrementAndGet() <= 5) {
                                System.err.println("HTTP " + r.statusCode() + ": " + r.body());
                            }
                        }
                        if (thinkMs > 0) {
                            // the next customer steps up: exponential pauses make each cashier a Poisson source
                            long pause = (long) (-Math.log(1 - random.nextDouble()) * thinkMs);
                            long left = (end - System.nanoTime()) / 1_000_000;
                            Thread.sleep(Math.max(0, Math.min(pause, left)));
                        }
                    }
                } catch (Exception e) {
                    errors.incrementAndGet();
                    System.err.println(e);
                } finally {
                    mine[0] = n;
                    done.countDown();
                }
            }).start();
        }
        done.await();
        double elapsed = (System.nanoTime() - started) / 1e9;
        int total = latencies.stream().mapToInt(a -> (int) a[0]).sum();
        long[] all = new long[total];
        int k = 0;
        for (long[] a : latencies) {
            System.arraycopy(a, 1, all, k, (int) a[0]);
            k += (int) a[0];
        }
        Arrays.sort(all);
        double p50 = total == 0 ? 0 : all[(int) Math.min(total - 1, Math.floor(total * 0.50))] / 1e6;
        double p99 = total == 0 ? 0 : all[(int) Math.min(total - 1, Math.floor(total * 0.99))] / 1e6;
        double max = total == 0 ? 0 : all[total - 1] / 1e6;
        // offered: what the cashiers would send if every answer were instant (cashiers / think time); a closed
        // loop with no pause offers whatever the server can take, so it has no offered rate of its own
        String offered = thinkMs == 0 ? "null" : String.format(java.util.Locale.ROOT, "%.1f", cashiers * 1000.0 / thinkMs);
        System.out.printf(java.util.Locale.ROOT,
                "{\"payments\": %d, \"seconds\": %.1f, \"p50_ms\": %.1f, \"p99_ms\": %.1f, \"max_ms\": %.1f, \"errors\": %d, \"cashiers\": %d, "
                + "\"drawers\": \"%s\", \"think_ms\": %d, \"warmup_s\": %d, \"warmup_payments\": %d, \"offered_per_second\": %s, "
                + "\"payments_per_second\": %.1f}%n",
                total, elapsed, p50, p99, max, errors.get(), cashiers, ownDrawers ? "own" : "shared", thinkMs, warmup,
                warmupPayments.get(), offered, total / elapsed);
    }
}
