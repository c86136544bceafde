package io.detectionhub.web;

import org.springframework.http.MediaType;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Text from requests: bodies (Sigma YAML, target definitions) and form fields decoded strictly in their declared
 * charset, and parameters and form fields with blanks meaning "not given". (URL-encoded forms and query strings are
 * decoded by the server, which refuses invalid UTF-8 itself; CSV events are decoded as strictly by the Sigma core's
 * reader.)
 */
public final class RequestText {

    private RequestText() {
    }

    /** A body that is not valid in its charset (UTF-8 unless stated) is refused with a 400, never mangled. */
    public static String decode(byte[] body, MediaType contentType) {
        return decode(body, contentType, "body");
    }

    /**
     * Text that is not valid in its charset (UTF-8 unless stated) is refused with a 400 naming {@code what} (the
     * body, a form field), never mangled.
     */
    public static String decode(byte[] text, MediaType contentType, String what) {
        Charset charset = contentType != null && contentType.getCharset() != null ? contentType.getCharset()
                : StandardCharsets.UTF_8;
        try {
            return charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(text)).toString();
        } catch (CharacterCodingException e) {
            throw new BadRequestException("The " + what + " is not valid " + charset.name() + " text.");
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
