package com.hmall.starter.web;

import java.beans.PropertyEditorSupport;
import java.util.function.Function;
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
        binder.registerCustomEditor(long.class, new DecimalEditor(19, Long::parseLong));
        binder.registerCustomEditor(Long.class, new DecimalEditor(19, Long::parseLong));
        binder.registerCustomEditor(int.class, new DecimalEditor(10, Integer::parseInt));
        binder.registerCustomEditor(Integer.class, new DecimalEditor(10, Integer::parseInt));
    }

    private static final class DecimalEditor extends PropertyEditorSupport {

        private final Pattern decimal;
        private final Function<String, Number> parse;

        DecimalEditor(int maxDigits, Function<String, Number> parse) {
            this.decimal = Pattern.compile("-?[0-9]{1," + maxDigits + "}");
            this.parse = parse;
        }

        @Override
        public void setAsText(String text) {
            if (!decimal.matcher(text).matches()) {
                throw new IllegalArgumentException("Not a decimal number");
            }
            // As many digits as the type holds can still overflow: the parser refuses that too.
            setValue(parse.apply(text));
        }
    }
}
