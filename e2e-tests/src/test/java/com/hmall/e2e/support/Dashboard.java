package com.hmall.e2e.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Grafana dashboard of docker compose's observability profile, read as Grafana would read it:
 * its panels (those inside rows too) and the PromQL of their queries.
 */
public record Dashboard(JsonNode json) {

    public static final String PATH = "docker/observability/grafana/dashboards/hmall-sync-vs-async.json";

    /** A metric name in PromQL; label names and values never start like this. */
    private static final Pattern METRIC_NAME = Pattern.compile("\\b[a-zA-Z_:][a-zA-Z0-9_:]*");

    public static Dashboard load(Path repositoryRoot) {
        try {
            return new Dashboard(JsonMapper.builder().build().readTree(Files.readString(repositoryRoot.resolve(PATH))));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every panel, rows included, with the panels of collapsed rows after their row. */
    public List<JsonNode> panels() {
        List<JsonNode> panels = new ArrayList<>();
        for (JsonNode panel : json.path("panels")) {
            panels.add(panel);
            panel.path("panels").forEach(panels::add);
        }
        return panels;
    }

    /** The panels that show data, that is every panel but the rows. */
    public List<JsonNode> dataPanels() {
        return panels().stream().filter(panel -> !"row".equals(panel.path("type").asString())).toList();
    }

    /** The PromQL of every query of every panel. */
    public List<String> expressions() {
        List<String> expressions = new ArrayList<>();
        for (JsonNode panel : dataPanels()) {
            expressions.addAll(expressions(panel));
        }
        return expressions;
    }

    public static List<String> expressions(JsonNode panel) {
        List<String> expressions = new ArrayList<>();
        panel.path("targets").forEach(target -> expressions.add(target.path("expr").asString("")));
        return expressions;
    }

    /** The metric names starting with {@code prefix} that any query reads, such as {@code hmall_}. */
    public Set<String> metricNames(String prefix) {
        Set<String> names = new TreeSet<>();
        for (String expression : expressions()) {
            names.addAll(metricNames(expression, prefix));
        }
        return names;
    }

    public static Set<String> metricNames(String expression, String prefix) {
        Set<String> names = new TreeSet<>();
        Matcher matcher = METRIC_NAME.matcher(withoutStrings(expression));
        while (matcher.find()) {
            if (matcher.group().startsWith(prefix)) {
                names.add(matcher.group());
            }
        }
        return names;
    }

    /** PromQL with its quoted strings (label values, regexes) blanked, so only names remain. */
    private static String withoutStrings(String expression) {
        return expression.replaceAll("\"(?:[^\"\\\\]|\\\\.)*\"", "\"\"");
    }
}
