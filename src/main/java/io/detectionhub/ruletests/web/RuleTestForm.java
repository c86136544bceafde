package io.detectionhub.ruletests.web;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.detectionhub.ruletests.Expectation;
import io.detectionhub.ruletests.RuleTestCase;
import io.detectionhub.ruletests.RuleTestDraft;
import io.detectionhub.web.BadRequestException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Tests tab's form of one test case: name, events, format, schema, expectation (match, no-match, alerts) with
 * "at least", which events (numbers), expected alerts (JSON), and the version it edits.
 */
public class RuleTestForm {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private String name = "";
    private String events = "";
    private String format = "auto";
    private String schema = "sigma";
    private String expectation = "match";
    private String atLeast = "";
    private String eventNumbers = "";
    private String alerts = "";
    private String origin = "manual";
    private String source = "";
    private Long version;

    static RuleTestForm of(RuleTestDraft d, Long version) {
        RuleTestForm f = new RuleTestForm();
        f.setName(d.name());
        f.setEvents(d.events());
        f.setFormat(d.format());
        f.setSchema(d.schema() == null ? "sigma" : d.schema());
        Expectation x = d.expectation();
        f.setExpectation(x.kind().keyword());
        f.setAtLeast(x.atLeast() == null ? "" : x.atLeast().toString());
        f.setEventNumbers(String.join(", ", x.events().stream().map(String::valueOf).toList()));
        f.setAlerts(x.alerts().isEmpty() ? "" : JSON.writeValueAsString(x.alerts()));
        f.setOrigin(d.origin());
        f.setSource(d.source() == null ? "" : d.source());
        f.setVersion(version);
        return f;
    }

    static RuleTestForm of(RuleTestCase c) {
        return of(c.draft(), c.version());
    }

    /** @throws BadRequestException with a message for the page */
    RuleTestDraft draft() {
        Expectation.Kind kind = Expectation.Kind.of(expectation);
        Integer least = null;
        List<Integer> numbers = new ArrayList<>();
        List<Expectation.ExpectedAlert> expected = new ArrayList<>();
        try {
            if (kind == Expectation.Kind.MATCH && !atLeast.isBlank()) {
                least = Integer.valueOf(atLeast.trim());
            }
            if (kind == Expectation.Kind.MATCH && !eventNumbers.isBlank()) {
                numbers = Arrays.stream(eventNumbers.split("[,\\s]+")).filter(s -> !s.isBlank())
                        .map(Integer::valueOf).toList();
            }
        } catch (NumberFormatException e) {
            throw new BadRequestException("\"At least\" and \"which events\" take whole numbers");
        }
        if (kind == Expectation.Kind.ALERTS && !alerts.isBlank()) {
            try {
                expected = RuleTestRequest.expectation(JSON.readTree("{\"kind\": \"alerts\", \"alerts\": " + alerts
                        + "}")).alerts();
            } catch (tools.jackson.core.JacksonException e) {
                throw new BadRequestException("Expected alerts are JSON: [{\"groupBy\": {\"User\": \"bob\"}, "
                        + "\"count\": 3}]");
            }
        }
        return new RuleTestDraft(name, events, format, schema, new Expectation(kind, least, numbers, expected),
                origin, source);
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name == null ? "" : name;
    }

    public String getEvents() {
        return events;
    }

    public void setEvents(String events) {
        this.events = events == null ? "" : events;
    }

    public String getFormat() {
        return format;
    }

    public void setFormat(String format) {
        this.format = format == null ? "auto" : format;
    }

    public String getSchema() {
        return schema;
    }

    public void setSchema(String schema) {
        this.schema = schema == null ? "sigma" : schema;
    }

    public String getExpectation() {
        return expectation;
    }

    public void setExpectation(String expectation) {
        this.expectation = expectation == null ? "match" : expectation;
    }

    public String getAtLeast() {
        return atLeast;
    }

    public void setAtLeast(String atLeast) {
        this.atLeast = atLeast == null ? "" : atLeast;
    }

    public String getEventNumbers() {
        return eventNumbers;
    }

    public void setEventNumbers(String eventNumbers) {
        this.eventNumbers = eventNumbers == null ? "" : eventNumbers;
    }

    public String getAlerts() {
        return alerts;
    }

    public void setAlerts(String alerts) {
        this.alerts = alerts == null ? "" : alerts;
    }

    public String getOrigin() {
        return origin;
    }

    public void setOrigin(String origin) {
        this.origin = origin == null ? "manual" : origin;
    }

    public String getSource() {
        return source;
    }

    public void setSource(String source) {
        this.source = source == null ? "" : source;
    }

    public Long getVersion() {
        return version;
    }

    public void setVersion(Long version) {
        this.version = version;
    }
}
