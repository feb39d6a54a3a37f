package com.hmall.starter.web;

import java.beans.PropertyEditorSupport;
import java.util.regex.Pattern;

import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.InitBinder;

/**
 * Ids in the path and the query are plain decimal numbers, as strict as the JSON body: Spring's
 * default reading of a {@code long} trims blanks and reads hex, and {@link Long#parseLong} reads any
 * Unicode digit, so {@code /users/0x10}, {@code /users/%2310}, {@code /users/%2016} and
 * {@code /users/１６} (full-width digits) would all be user 16. Only ASCII digits, with an optional
 * minus, that fit a {@code long} (or an {@code int}, such as a {@code limit}) are read; anything else
 * is answered with VALIDATION_FAILED.
 */
@ControllerAdvice
class DecimalIdBinding {

    @InitBinder
    void readIdsAsDecimalNumbers(WebDataBinder binder) {
        binder.registerCustomEditor(long.class, new DecimalLongEditor());
        binder.registerCustomEditor(Long.class, new DecimalLongEditor());
        binder.registerCustomEditor(int.class, new DecimalIntEditor());
        binder.registerCustomEditor(Integer.class, new DecimalIntEditor());
    }

    private static final class DecimalLongEditor extends PropertyEditorSupport {

        private static final Pattern DECIMAL = Pattern.compile("-?[0-9]{1,19}");

        @Override
        public void setAsText(String text) {
            if (!DECIMAL.matcher(text).matches()) {
                throw new IllegalArgumentException("Not a decimal number");
            }
            // Nineteen digits can still overflow: parseLong refuses that too.
            setValue(Long.parseLong(text));
        }
    }

    private static final class DecimalIntEditor extends PropertyEditorSupport {

        private static final Pattern DECIMAL = Pattern.compile("-?[0-9]{1,10}");

        @Override
        public void setAsText(String text) {
            if (!DECIMAL.matcher(text).matches()) {
                throw new IllegalArgumentException("Not a decimal number");
            }
            setValue(Integer.parseInt(text));
        }
    }
}
