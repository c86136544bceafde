package io.detectionhub.deployment;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The JSON schema of an ARM template of Sentinel scheduled analytics rules (test resource
 * {@code alert-rules-template.schema.json}, written from Microsoft's alertRules reference), checked with networknt's
 * validator.
 */
public final class AlertRulesSchema {

    private static final Schema SCHEMA = load();

    private AlertRulesSchema() {
    }

    private static Schema load() {
        try (InputStream in = AlertRulesSchema.class.getResourceAsStream("alert-rules-template.schema.json")) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(text);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The schema's complaints about a template, as text; empty when it is valid. */
    public static List<String> problems(String template) {
        List<Error> errors = SCHEMA.validate(template, InputFormat.JSON);
        return errors.stream().map(Error::toString).toList();
    }
}
