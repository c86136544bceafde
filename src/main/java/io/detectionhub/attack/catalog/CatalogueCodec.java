package io.detectionhub.attack.catalog;

import io.detectionhub.web.JsonProblems;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/** Gzipped compact JSON for the shipped and stored catalogues. */
public final class CatalogueCodec {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    private CatalogueCodec() {
    }

    public static byte[] gzip(Object data) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream out = new GZIPOutputStream(bytes)) {
            MAPPER.writeValue(out, data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    public static AttackCatalogueData readAttack(InputStream gzipped) {
        return readGzip(gzipped, AttackCatalogueData.class);
    }

    public static V19TacticOverlay readOverlay(InputStream gzipped) {
        return readGzip(gzipped, V19TacticOverlay.class);
    }

    /** Plain (not gzipped) JSON in the shipped format, e.g. an uploaded Atomic index. */
    public static <T> T readPlain(InputStream json, Class<T> type) {
        try {
            return MAPPER.readValue(json, type);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("not a valid " + type.getSimpleName() + " document: "
                    + JsonProblems.describe(e), e);
        }
    }

    public static <T> T readGzip(InputStream gzipped, Class<T> type) {
        try (InputStream in = new GZIPInputStream(gzipped)) {
            return MAPPER.readValue(in, type);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
