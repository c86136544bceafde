package io.detectionhub.web;

import org.springframework.http.MediaType;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** Text request bodies (Sigma YAML, target definitions) decoded strictly in their declared charset. */
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
}
