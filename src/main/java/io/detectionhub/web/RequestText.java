package io.detectionhub.web;

import org.springframework.http.MediaType;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Text from requests: bodies (Sigma YAML, target definitions) decoded strictly in their declared charset, and
 * parameters and form fields with blanks meaning "not given".
 */
public final class RequestText {

    private RequestText() {
    }

    /** A body that is not valid in its charset (UTF-8 unless stated) is refused with a 400, never mangled. */
    public static String decode(byte[] body, MediaType contentType) {
        Charset charset = contentType != null && contentType.getCharset() != null ? contentType.getCharset()
                : StandardCharsets.UTF_8;
        try {
            return charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            throw new BadRequestException("The body is not valid " + charset.name() + " text.");
        }
    }

    /** A name from a request, safe to repeat in a message: control characters replaced, at most 80 characters. */
    public static String printable(String name) {
        String clean = name.replaceAll("\\p{Cntrl}", "?");
        return clean.length() > 80 ? clean.substring(0, 80) + "…" : clean;
    }

    /** The value trimmed, or null when it is absent or blank. */
    public static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
