package com.hmall.starter.web;

import java.lang.annotation.Annotation;
import java.math.BigDecimal;

import io.swagger.v3.core.converter.AnnotatedType;
import io.swagger.v3.oas.models.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;

/**
 * Puts into a property's schema the Bean Validation rules the document generator leaves out, so
 * the API document says what the server enforces, from the same annotations: {@code @Positive}
 * (ids, greater than 0), {@code @PositiveOrZero}, {@code @NotBlank} (at least one character that
 * is not white space; a {@code @Size} next to it must say {@code min = 1} itself, as the generator
 * writes its own minimum after this) and {@link MaxUtf8Bytes} (as {@code x-max-utf8-bytes}: JSON
 * Schema counts characters, not bytes).
 */
final class ConstraintDocumentation {

    private ConstraintDocumentation() {
    }

    @SuppressWarnings("rawtypes")
    static Schema apply(Schema property, AnnotatedType type) {
        if (property == null || type == null || type.getCtxAnnotations() == null) {
            return property;
        }
        for (Annotation annotation : type.getCtxAnnotations()) {
            if (annotation instanceof Positive) {
                property.setExclusiveMinimumValue(BigDecimal.ZERO);
            } else if (annotation instanceof PositiveOrZero && property.getMinimum() == null) {
                property.setMinimum(BigDecimal.ZERO);
            } else if (annotation instanceof NotBlank) {
                if (property.getMinLength() == null || property.getMinLength() < 1) {
                    property.setMinLength(1);
                }
                if (property.getPattern() == null) {
                    property.setPattern("\\S");
                }
            } else if (annotation instanceof MaxUtf8Bytes bytes) {
                property.addExtension("x-max-utf8-bytes", bytes.value());
            }
        }
        return property;
    }
}
