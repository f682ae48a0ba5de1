package org.peerpath;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.validation.BindValidationException;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.origin.Origin;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.convert.ConversionFailedException;
import org.springframework.validation.FieldError;
import org.springframework.validation.ObjectError;

/**
 * A setting with a bad value stops the start with one line per problem that names the setting, the value, why it
 * is refused and where it came from, instead of Boot's multi-line report:
 * {@code Invalid setting peerpath.outreach.due-in-days = "-1": must be greater than or equal to 0 (from ...)}.
 * Values of settings that may hold a secret (a URI with a password, a key) are never shown. Ahead of Boot's own
 * analyzers, for every {@code @ConfigurationProperties} record ({@code peerpath.*} and Boot's own).
 */
@Order(Ordered.HIGHEST_PRECEDENCE)
class InvalidSettingsFailureAnalyzer extends AbstractFailureAnalyzer<BindException> {

    private static final Pattern SECRET = Pattern.compile(".*(uri|url|password|secret|token|key|credential).*");

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, BindException cause) {
        BindValidationException invalid = findCause(cause, BindValidationException.class);
        List<String> problems = new ArrayList<>();
        if (invalid != null) {
            for (ObjectError error : invalid.getValidationErrors().getAllErrors()) {
                problems.add(error instanceof FieldError field
                        ? line(field.getObjectName() + "." + kebab(field.getField()), field.getRejectedValue(),
                                error.getDefaultMessage(), Origin.from(field))
                        : "Invalid settings under " + error.getObjectName() + ": " + error.getDefaultMessage());
            }
        }
        else if (cause.getProperty() != null) {
            ConfigurationProperty property = cause.getProperty();
            problems.add(line(property.getName().toString(), property.getValue(), reason(cause), property.getOrigin()));
        }
        else {
            problems.add("Invalid settings under " + cause.getName() + ": " + reason(cause));
        }
        return new FailureAnalysis(String.join(System.lineSeparator(), problems),
                "Correct the setting (README, Configuration) and start again.", cause);
    }

    private static String line(String name, Object value, String reason, Origin origin) {
        String shown = SECRET.matcher(name.toLowerCase(Locale.ROOT)).matches() ? "(not shown)" : "\"" + value + "\"";
        return "Invalid setting " + name + " = " + shown + ": " + reason + (origin == null ? "" : " (from " + origin + ")");
    }

    /** A conversion that failed says what it expected; anything else, the most specific message. */
    private String reason(BindException cause) {
        ConversionFailedException conversion = findCause(cause, ConversionFailedException.class);
        if (conversion != null) {
            return "not a valid " + conversion.getTargetType().getType().getSimpleName() + " ("
                    + NestedExceptionUtils.getMostSpecificCause(conversion).getMessage() + ")";
        }
        return NestedExceptionUtils.getMostSpecificCause(cause).getMessage();
    }

    /** {@code schedule.cron}, {@code dueInDays} → {@code due-in-days}: the names the settings are written with. */
    static String kebab(String javaPath) {
        return javaPath.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }
}
