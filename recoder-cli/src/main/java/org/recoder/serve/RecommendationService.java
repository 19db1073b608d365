package org.recoder.serve;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.recoder.api.Explainer;
import org.recoder.api.History;
import org.recoder.api.RatingPredictor;
import org.recoder.api.ItemSimilarity;
import org.recoder.api.Model;
import org.recoder.api.SessionScorer;
import org.recoder.data.IdIndex;
import org.recoder.data.Interactions;
import org.recoder.io.Json;
import org.recoder.linalg.TopK;
import tools.jackson.databind.JsonNode;

/**
 * The recommendation service's logic, independent of the HTTP server that carries it: requests in (method, path,
 * content type, body bytes), a status and a JSON body out. Every client mistake is a 4xx with a JSON body naming the
 * field ({@code {"error": "...", "field": "n"}}); nothing a client sends produces a 500. Models are immutable and
 * thread-safe, so requests run concurrently without locks.
 */
public final class RecommendationService {
    /** The API described in OpenAPI 3 (a resource beside this class). */
    private static final String OPENAPI = openapi();

    private static String openapi() {
        try (var in = RecommendationService.class.getResourceAsStream("openapi.json")) {
            if (in == null) {
                throw new IllegalStateException("openapi.json is missing from the jar");
            }
            return Json.compact(Json.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Most items one request may ask for. */
    public static final int MAX_N = 1000;
    /** Most requests in one batch. */
    public static final int MAX_BATCH = 1000;

    /**
     * A model as served.
     *
     * @param name      the name in URLs
     * @param file      where it was loaded from
     * @param model     the model
     * @param loadedAt  when it was loaded
     * @param loadMillis how long loading took
     * @param popularity the known users' item counts, for an empty history
     * @param buffers   score arrays reused across requests
     */
    public record Served(String name, Path file, Model model, Instant loadedAt, long loadMillis, float[] popularity,
                         MicroBatcher batcher, ScoreBuffers buffers) {
        static Served of(String name, Path file, Model model, Instant loadedAt, long loadMillis, long batchWaitMicros) {
            int[] deg = model.knownUsers().itemDegrees();
            float[] pop = new float[deg.length];
            for (int i = 0; i < deg.length; i++) {
                pop[i] = deg[i];
            }
            model.freezeForServing();
            MicroBatcher batcher = batchWaitMicros > 0 && model.canFoldIn() && model.scoresBatchesFaster()
                    ? new MicroBatcher(model, 64, batchWaitMicros, batchWorkers()) : null;
            return new Served(name, file, model, loadedAt, loadMillis, pop, batcher, new ScoreBuffers(pop.length, 64));
        }
    }

    /**
     * The default of {@code serve --batch-wait-us}: 300 µs. Issue 12 suggested 1–2 ms; measured on the 2-core machine
     * (Mult-VAE at 500 requests/s, docs/performance.md), 300 µs gave p99 12.3 ms and 1,000 µs 33.8 ms: with one
     * batch worker, requests that arrive while a batch is being scored already wait for it, so a long extra wait
     * only adds latency.
     */
    public static final long DEFAULT_BATCH_WAIT_MICROS = 300;

    /**
     * Batch workers: half the cores, at least one. Each batch is memory-bound on the output layer; on two cores a
     * second worker made p99 worse (32.0 ms against 22.9 ms at 500 requests/s), taking the core that the HTTP
     * layer needs.
     */
    static int batchWorkers() {
        return Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
    }

    /**
     * A response.
     *
     * @param status HTTP status
     * @param body   JSON
     */
    public record Response(int status, String body) {
        public byte[] bytes() {
            return body.getBytes(StandardCharsets.UTF_8);
        }
    }

    /** A client error: status, message and the field it is about (or null). */
    static final class ClientError extends RuntimeException {
        final int status;
        final String field;

        ClientError(int status, String message, String field) {
            super(message);
            this.status = status;
            this.field = field;
        }
    }

    private volatile Map<String, String> titles = Map.of();

    /** Item titles (id → title) to add to every item in responses, and to search in. */
    public RecommendationService withTitles(Map<String, String> itemTitles) {
        this.titles = Map.copyOf(itemTitles);
        return this;
    }

    private volatile java.util.function.BiConsumer<String, Double> loadListener = (name, seconds) -> { };

    /** Tells {@code listener} each model's load time now and after every reload (metrics). */
    public void onLoad(java.util.function.BiConsumer<String, Double> listener) {
        loadListener = listener;
        models.values().forEach(s -> listener.accept(s.name(), s.loadMillis() / 1000.0));
    }

    /** Each name's model; a reload swaps the entry in one step, so a request sees the old model or the new one. */
    private final java.util.concurrent.ConcurrentMap<String, Served> models;
    private final java.util.function.Function<Path, Model> loader;
    /** How long a fold-in request to a neural model waits for others to share its batch (µs; 0 scores each alone). */
    private final long batchWaitMicros;

    public RecommendationService(Map<String, Served> models, java.util.function.Function<Path, Model> loader, long batchWaitMicros) {
        this.models = new java.util.concurrent.ConcurrentHashMap<>(models);
        this.loader = loader;
        this.batchWaitMicros = batchWaitMicros;
    }

    /** Wraps loaded models, named, for serving; {@code loader} loads a file again on reload. */
    public static RecommendationService of(Map<String, Model> models, Map<String, Path> files, Map<String, Long> loadMillis,
                                           java.util.function.Function<Path, Model> loader) {
        return of(models, files, loadMillis, loader, DEFAULT_BATCH_WAIT_MICROS);
    }

    /** As above, with concurrent fold-in requests to neural models batched after waiting up to {@code batchWaitMicros}. */
    public static RecommendationService of(Map<String, Model> models, Map<String, Path> files, Map<String, Long> loadMillis,
                                           java.util.function.Function<Path, Model> loader, long batchWaitMicros) {
        if (batchWaitMicros < 0) {
            throw new IllegalArgumentException("batch wait must be ≥ 0 µs, got " + batchWaitMicros);
        }
        Map<String, Served> m = new LinkedHashMap<>();
        Instant now = Instant.now();
        models.forEach((name, model) -> m.put(name, Served.of(name, files.get(name), model, now, loadMillis.getOrDefault(name, 0L),
                batchWaitMicros)));
        return new RecommendationService(m, loader, batchWaitMicros);
    }

    /**
     * Loads {@code name}'s file again beside the serving model and swaps it in once it has loaded and checked;
     * a file that does not load leaves the old model serving and fails with the reason.
     */
    public Served reload(String name) {
        Served old = models.get(name);
        if (old == null) {
            throw new ClientError(404, "unknown model '" + name + "'", "name");
        }
        long t0 = System.nanoTime();
        Model fresh;
        try {
            fresh = loader.apply(old.file());
        } catch (RuntimeException e) {
            throw new ClientError(422, "reload of '" + name + "' failed, the old model keeps serving: " + e.getMessage(), "file");
        }
        Served now = Served.of(name, old.file(), fresh, Instant.now(), (System.nanoTime() - t0) / 1_000_000, batchWaitMicros);
        models.put(name, now);
        if (old.batcher() != null) {
            old.batcher().close();
        }
        loadListener.accept(name, now.loadMillis() / 1000.0);
        return now;
    }

    /** Reloads every model (SIGHUP); returns the names whose reload failed, with the reason. */
    public Map<String, String> reloadAll() {
        Map<String, String> failed = new LinkedHashMap<>();
        for (String name : List.copyOf(models.keySet())) {
            try {
                reload(name);
            } catch (ClientError e) {
                failed.put(name, e.getMessage());
            }
        }
        return failed;
    }

    /** Handles one request ({@code query}: the raw query string, or null). */
    public Response handle(String method, String path, String query, String contentType, byte[] body) {
        try {
            return route(method, path, query, contentType, body);
        } catch (ClientError e) {
            return error(e.status, e.getMessage(), e.field);
        }
    }

    private Response route(String method, String path, String query, String contentType, byte[] body) {
        if (path.equals("/health")) {
            requireMethod(method, "GET");
            return ok(Json.compact(Map.of("status", "ok")));
        }
        if (path.equals("/ready")) {
            requireMethod(method, "GET");
            return ok(Json.compact(Map.of("ready", true, "models", models.size())));
        }
        if (path.equals("/openapi.json")) {
            requireMethod(method, "GET");
            return ok(OPENAPI);
        }
        if (path.equals("/v1/models")) {
            requireMethod(method, "GET");
            List<Map<String, Object>> list = new ArrayList<>();
            for (String name : models.keySet().stream().sorted().toList()) {
                list.add(describe(models.get(name)));
            }
            return ok(Json.compact(Map.of("models", list)));
        }
        String prefix = "/v1/models/";
        if (path.startsWith(prefix)) {
            String rest = path.substring(prefix.length());
            int slash = rest.indexOf('/');
            String name = slash < 0 ? rest : rest.substring(0, slash);
            String action = slash < 0 ? "" : rest.substring(slash + 1);
            Served s = models.get(name);
            if (s == null) {
                throw new ClientError(404, "unknown model '" + name + "' (serving: " + String.join(", ", models.keySet().stream().sorted().toList()) + ")", "name");
            }
            switch (action) {
                case "" -> {
                    requireMethod(method, "GET");
                    return ok(Json.compact(describe(s)));
                }
                case "reload" -> {
                    requireMethod(method, "POST");
                    return ok(Json.compact(describe(reload(name))));
                }
                case "items" -> {
                    requireMethod(method, "GET");
                    return ok(Json.compact(searchItems(s, query)));
                }
                case "because" -> {
                    requireMethod(method, "POST");
                    return ok(Json.compact(because(s, json(contentType, body))));
                }
                case "predict" -> {
                    requireMethod(method, "POST");
                    return ok(Json.compact(predict(s, json(contentType, body))));
                }
                case "similar" -> {
                    requireMethod(method, "POST");
                    return ok(Json.compact(similar(s, json(contentType, body))));
                }
                case "recommend" -> {
                    requireMethod(method, "POST");
                    JsonNode req = json(contentType, body);
                    return ok(Json.compact(recommend(s, req, "")));
                }
                case "recommend/batch" -> {
                    requireMethod(method, "POST");
                    JsonNode req = json(contentType, body);
                    JsonNode list = req.path("requests");
                    if (!list.isArray()) {
                        throw new ClientError(400, "requests must be an array of recommend requests", "requests");
                    }
                    if (list.size() > MAX_BATCH) {
                        throw new ClientError(400, "requests holds " + list.size() + " requests, at most " + MAX_BATCH, "requests");
                    }
                    List<Object> results = new ArrayList<>();
                    for (int k = 0; k < list.size(); k++) {
                        try {
                            results.add(recommend(s, list.get(k), "requests[" + k + "]."));
                        } catch (ClientError e) {
                            results.add(errorBody(e.getMessage(), e.field));
                        }
                    }
                    return ok(Json.compact(Map.of("model", s.name(), "results", results)));
                }
                default -> throw new ClientError(404, "no such endpoint: " + path, "path");
            }
        }
        throw new ClientError(404, "no such endpoint: " + path, "path");
    }

    private static void requireMethod(String method, String expected) {
        if (!method.equals(expected)) {
            throw new ClientError(405, "use " + expected + " here, not " + method, "method");
        }
    }

    private static JsonNode json(String contentType, byte[] body) {
        String type = contentType == null ? "" : contentType.split(";")[0].trim().toLowerCase(java.util.Locale.ROOT);
        if (!type.equals("application/json")) {
            throw new ClientError(415, "send the request body as application/json (got "
                    + (contentType == null ? "no content type" : "'" + contentType + "'") + ")", "Content-Type");
        }
        JsonNode n;
        try {
            n = Json.MAPPER.readTree(body);
        } catch (RuntimeException e) {
            throw new ClientError(400, "the body is not valid JSON: " + firstLine(e.getMessage()), "body");
        }
        if (n == null || !n.isObject()) {
            throw new ClientError(400, "the body must be a JSON object", "body");
        }
        return n;
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    /** One recommend request; {@code at} prefixes field names (inside a batch). */
    private Map<String, Object> recommend(Served s, JsonNode req, String at) {
        float[] scores = s.buffers().take();
        Map<String, Object> out = recommend(s, req, at, scores);
        // Only after a complete answer (ScoreBuffers): a failed request's array is dropped.
        s.buffers().give(scores);
        return out;
    }

    private Map<String, Object> recommend(Served s, JsonNode req, String at, float[] scores) {
        if (!req.isObject()) {
            throw new ClientError(400, "a recommend request must be a JSON object", at.isEmpty() ? "body" : at.substring(0, at.length() - 1));
        }
        int given = (req.has("items") ? 1 : 0) + (req.has("user") ? 1 : 0) + (req.has("session") ? 1 : 0);
        if (given != 1) {
            throw new ClientError(400, "give exactly one of items (a new user's history), user (a known user's id) or session "
                    + "(an ordered session)", at + "items");
        }
        int n = count(req, at + "n");
        Model m = s.model();
        IdIndex items = m.items();
        List<String> unknown = new ArrayList<>();
        List<Integer> exclude = new ArrayList<>();
        if (req.has("exclude")) {
            for (String id : strings(req.get("exclude"), at + "exclude")) {
                int i = items.tryIndex(id);
                if (i < 0) {
                    unknown.add(id);
                } else {
                    exclude.add(i);
                }
            }
        }
        int[] history;
        boolean fallback = false;
        if (req.has("user")) {
            JsonNode u = req.get("user");
            if (!u.isString() && !u.isNumber()) {
                throw new ClientError(400, "user must be a user id (a string)", at + "user");
            }
            Interactions known = m.knownUsers();
            if (known == null || known.numUsers() == 0) {
                throw new ClientError(400, "model '" + s.name() + "' keeps no known users; send the user's items instead", at + "user");
            }
            int row = known.users().tryIndex(u.asString());
            if (row < 0) {
                throw new ClientError(404, "unknown user '" + u.asString() + "' (not a training user of model '" + s.name() + "')", at + "user");
            }
            float[][] out = {scores};
            m.scoreRows(known, new int[] {row}, 0, 1, out);
            history = known.rowItems(row);
        } else {
            boolean session = req.has("session");
            String field = at + (session ? "session" : "items");
            if (session && !(m instanceof SessionScorer)) {
                throw new ClientError(400, "model '" + s.name() + "' (" + m.type() + ") does not take ordered sessions; send items "
                        + "(a set) instead", field);
            }
            if (!session && !m.canFoldIn()) {
                throw new ClientError(400, "model '" + s.name() + "' (" + m.type() + ") cannot fold in a new history (" + m.whyNoFoldIn()
                        + ", so it serves only the users it was trained on); send {\"user\": \"id\"} for one of "
                        + "them, or retrain with the new user's events", field);
            }
            List<String> ids = strings(req.get(session ? "session" : "items"), field);
            History.Indexed h = History.of(ids).index(items, unknown);
            History.Indexed set = h.asSet();
            history = set.items();
            if (history.length == 0) {
                System.arraycopy(s.popularity(), 0, scores, 0, scores.length);
                fallback = true;
            } else if (session) {
                ((SessionScorer) m).scoreSession(h.items(), scores);
            } else if (s.batcher() != null) {
                s.batcher().score(set.items(), set.values(), scores);
            } else {
                m.score(set.items(), set.values(), scores);
            }
        }
        for (int i : history) {
            scores[i] = Float.NEGATIVE_INFINITY;
        }
        for (int i : exclude) {
            scores[i] = Float.NEGATIVE_INFINITY;
        }
        List<Map<String, Object>> recs = top(scores, n, items);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("model", s.name());
        out.put("type", m.type());
        out.put("version", m.provenance() == null ? "" : m.provenance().trainedAt());
        out.put("items", recs);
        out.put("unknown_items", unknown);
        if (fallback) {
            out.put("fallback", "popularity");
        }
        return out;
    }

    /** The request's {@code n}: 10 when absent, else an integer from 1 to {@link #MAX_N}. */
    private static int count(JsonNode req, String field) {
        if (!req.has("n")) {
            return 10;
        }
        JsonNode nn = req.get("n");
        if (!nn.isIntegralNumber() || nn.asLong() < 1 || nn.asLong() > MAX_N) {
            throw new ClientError(400, "n must be an integer from 1 to " + MAX_N + ", got " + nn, field);
        }
        return nn.asInt();
    }

    /** The {@code n} best-scoring items (−∞ never), best first, as response items. */
    private List<Map<String, Object>> top(float[] scores, int n, IdIndex items) {
        int[] top = new int[Math.min(n, items.size())];
        int got = TopK.select(scores, top.length, top);
        List<Map<String, Object>> out = new ArrayList<>(got);
        for (int r = 0; r < got; r++) {
            out.add(item(items.id(top[r]), "score", scores[top[r]]));
        }
        return out;
    }

    /** An item in a response: its id, one figure, and its title when titles were given. */
    private Map<String, Object> item(String id, String figure, float value) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("item", id);
        m.put(figure, value);
        String title = titles.get(id);
        if (title != null) {
            m.put("title", title);
        }
        return m;
    }

    /** Items whose id starts with, or whose title contains, {@code q} (case-insensitive), for the try-it page. */
    private Map<String, Object> searchItems(Served s, String query) {
        Map<String, String> params = new LinkedHashMap<>();
        if (query != null) {
            for (String kv : query.split("&")) {
                int eq = kv.indexOf('=');
                String k = java.net.URLDecoder.decode(eq < 0 ? kv : kv.substring(0, eq), StandardCharsets.UTF_8);
                String v = eq < 0 ? "" : java.net.URLDecoder.decode(kv.substring(eq + 1), StandardCharsets.UTF_8);
                params.put(k, v);
            }
        }
        String q = params.getOrDefault("q", "").strip().toLowerCase(java.util.Locale.ROOT);
        int limit = 20;
        if (params.containsKey("limit")) {
            try {
                limit = Integer.parseInt(params.get("limit"));
            } catch (NumberFormatException e) {
                limit = -1;
            }
            if (limit < 1 || limit > 100) {
                throw new ClientError(400, "limit must be an integer from 1 to 100, got '" + params.get("limit") + "'", "limit");
            }
        }
        IdIndex items = s.model().items();
        List<Map<String, Object>> found = new ArrayList<>();
        for (int i = 0; i < items.size() && found.size() < limit; i++) {
            String id = items.id(i);
            String title = titles.get(id);
            if (q.isEmpty() || id.toLowerCase(java.util.Locale.ROOT).startsWith(q)
                    || (title != null && title.toLowerCase(java.util.Locale.ROOT).contains(q))) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("item", id);
                if (title != null) {
                    m.put("title", title);
                }
                found.add(m);
            }
        }
        return Map.of("model", s.name(), "items", found);
    }

    /** How much each history item contributed to one item's score ({@link Explainer}). */
    private Map<String, Object> because(Served s, JsonNode req) {
        Model m = s.model();
        if (!(m instanceof Explainer explainer) || !m.canFoldIn()) {
            throw new ClientError(400, "model '" + s.name() + "' (" + m.type() + ") cannot explain a history's scores"
                    + (m.canFoldIn() ? "" : ": it cannot fold in a history"), "item");
        }
        JsonNode item = req.get("item");
        if (item == null || !(item.isString() || item.isNumber())) {
            throw new ClientError(400, "item must be the id of the recommended item to explain", "item");
        }
        int target = m.items().tryIndex(item.asString());
        if (target < 0) {
            throw new ClientError(404, "unknown item '" + item.asString() + "'", "item");
        }
        List<String> unknown = new ArrayList<>();
        History.Indexed h = History.of(strings(req.get("items"), "items")).index(m.items(), unknown).asSet();
        float[] c = new float[h.items().length];
        explainer.contributions(h.items(), h.values(), target, c);
        List<Map<String, Object>> parts = new ArrayList<>();
        for (int k = 0; k < c.length; k++) {
            parts.add(item(m.items().id(h.items()[k]), "contribution", c[k]));
        }
        parts.sort((a, b) -> Float.compare(Math.abs((Float) b.get("contribution")), Math.abs((Float) a.get("contribution"))));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("model", s.name());
        out.put("item", item.asString());
        out.put("method", explainer.explanationKind());
        out.put("contributions", parts);
        out.put("unknown_items", unknown);
        return out;
    }

    /** Predicted ratings ({@link RatingPredictor}): for a known user, or for a rated history. */
    private static Map<String, Object> predict(Served s, JsonNode req) {
        Model m = s.model();
        if (!(m instanceof RatingPredictor)) {
            throw new ClientError(400, "model '" + s.name() + "' (" + m.type() + ") ranks items and does not predict ratings; "
                    + "rating prediction needs an explicit-feedback model", "model");
        }
        List<String> items = strings(req.get("items"), "items");
        org.recoder.api.Recommender r = org.recoder.api.Recommender.of(m);
        List<org.recoder.api.Prediction> p;
        try {
            if (req.has("user")) {
                p = r.predictForUser(req.get("user").asString(), items);
            } else {
                JsonNode rated = req.get("ratings");
                if (rated == null || !rated.isObject()) {
                    throw new ClientError(400, "give user (a known user's id) or ratings ({\"item\": rating, ...})", "ratings");
                }
                List<String> ids = new ArrayList<>();
                List<Float> values = new ArrayList<>();
                for (var e : rated.properties()) {
                    if (!e.getValue().isNumber()) {
                        throw new ClientError(400, "ratings must map item ids to numbers", "ratings");
                    }
                    ids.add(e.getKey());
                    values.add((float) e.getValue().asDouble());
                }
                p = r.predictForHistory(new History(ids, values), items);
            }
        } catch (IllegalArgumentException e) {
            throw new ClientError(400, e.getMessage(), "items");
        } catch (UnsupportedOperationException e) {
            // A model that predicts for known users only (I-AutoRec) asked about a new user's ratings.
            throw new ClientError(400, e.getMessage(), "ratings");
        }
        return Map.of("model", s.name(), "predictions", p);
    }

    /** Items most similar to one item, from the model's own item-item structure ({@link ItemSimilarity}). */
    private Map<String, Object> similar(Served s, JsonNode req) {
        Model m = s.model();
        if (!(m instanceof ItemSimilarity sim)) {
            throw new ClientError(400, "model '" + s.name() + "' (" + m.type() + ") has no item-item similarity", "item");
        }
        JsonNode item = req.get("item");
        if (item == null || !(item.isString() || item.isNumber())) {
            throw new ClientError(400, "item must be an item id", "item");
        }
        int n = count(req, "n");
        int i = m.items().tryIndex(item.asString());
        if (i < 0) {
            throw new ClientError(404, "unknown item '" + item.asString() + "'", "item");
        }
        float[] scores = s.buffers().take();
        sim.similarTo(i, scores);
        scores[i] = Float.NEGATIVE_INFINITY;
        List<Map<String, Object>> out = top(scores, n, m.items());
        s.buffers().give(scores);
        Map<String, Object> res = new LinkedHashMap<>();
        res.put("model", s.name());
        res.put("item", item.asString());
        res.put("similarity", sim.similarityKind());
        res.put("items", out);
        return res;
    }

    private static List<String> strings(JsonNode a, String field) {
        if (a == null || !a.isArray()) {
            throw new ClientError(400, field + " must be an array of item ids", field);
        }
        List<String> out = new ArrayList<>(a.size());
        for (JsonNode e : a) {
            if (!e.isString() && !e.isNumber()) {
                throw new ClientError(400, field + " must hold item ids (strings), found " + e, field);
            }
            out.add(e.asString());
        }
        return out;
    }

    private static Map<String, Object> describe(Served s) {
        Model m = s.model();
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("name", s.name());
        d.put("type", m.type());
        d.put("file", s.file() == null ? null : s.file().toString());
        d.put("items", m.items().size());
        d.put("known_users", m.knownUsers() == null ? 0 : m.knownUsers().numUsers());
        d.put("fold_in", m.canFoldIn());
        d.put("sessions", m instanceof SessionScorer);
        d.put("config", m.config());
        d.put("provenance", m.provenance());
        d.put("loaded_at", s.loadedAt().toString());
        d.put("load_millis", s.loadMillis());
        return d;
    }

    private static Response ok(String body) {
        return new Response(200, body);
    }

    static Map<String, Object> errorBody(String message, String field) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("error", message);
        m.put("field", field);
        return m;
    }

    static Response error(int status, String message, String field) {
        return new Response(status, Json.compact(errorBody(message, field)));
    }
}
