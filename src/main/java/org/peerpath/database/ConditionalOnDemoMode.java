package org.peerpath.database;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Demo mode is the zero-setup default: no {@code MONGODB_URI} was given. Only then do the demo data, demo
 * sign-in and GraphiQL exist; with a real database the service never offers them. The integration tests, which
 * may run against a throw-away MongoDB container, switch it on explicitly with {@code peerpath.demo=true}.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Conditional(ConditionalOnDemoMode.DemoModeCondition.class)
public @interface ConditionalOnDemoMode {

    /** The property that carries {@code MONGODB_URI}. */
    String MONGODB_URI_PROPERTY = "peerpath.mongodb.uri";

    /** Explicit switch, for tests against a throw-away database only. */
    String DEMO_PROPERTY = "peerpath.demo";

    class DemoModeCondition implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return isDemoMode(context.getEnvironment());
        }

        /** Read as {@link DatabaseSettings} binds the two properties, so the two never disagree. */
        static boolean isDemoMode(org.springframework.core.env.Environment environment) {
            Binder binder = Binder.get(environment);
            Boolean explicit = binder.bind(DEMO_PROPERTY, Boolean.class).orElse(null);
            if (explicit != null) {
                return explicit;
            }
            return binder.bind(MONGODB_URI_PROPERTY, String.class).orElse("").isBlank();
        }
    }
}
