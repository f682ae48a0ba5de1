package org.peerpath.operations;

import io.micrometer.registry.otlp.OtlpMeterRegistry;
import io.micrometer.tracing.Tracer;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.OpenTelemetryTracingAutoConfiguration;
import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.otlp.OtlpTracingAutoConfiguration;
import org.springframework.boot.opentelemetry.autoconfigure.OpenTelemetrySdkAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;

import org.peerpath.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * OpenTelemetry export is switched on by configuration and off by default (issue 13): the service traces, but with
 * the defaults no OTLP exporter exists, so nothing leaves the process; with {@code PEERPATH_OTEL_ENABLED=true}
 * ({@code management.tracing.export.enabled}) the OTLP/HTTP span exporter is there.
 */
class OpenTelemetryIntegrationTest extends IntegrationTest {

    @Autowired
    ApplicationContext context;

    @Test
    void byDefaultTheServiceTracesButExportsNothing() {
        assertThat(context.getBeanNamesForType(Tracer.class)).isNotEmpty();
        assertThat(context.getBeanProvider(SpanExporter.class).stream())
                .noneMatch(exporter -> exporter instanceof OtlpHttpSpanExporter);
        assertThat(context.getBeanNamesForType(OtlpMeterRegistry.class)).isEmpty();
    }

    @Test
    void theSwitchTurnsTheOtlpSpanExporterOnAndOff() {
        ApplicationContextRunner runner = new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(
                OpenTelemetrySdkAutoConfiguration.class, OpenTelemetryTracingAutoConfiguration.class,
                OtlpTracingAutoConfiguration.class))
                .withPropertyValues("management.opentelemetry.tracing.export.otlp.endpoint="
                        + "http://collector.invalid:4318/v1/traces");
        runner.withPropertyValues("management.tracing.export.enabled=true")
                .run(enabled -> assertThat(enabled).hasSingleBean(OtlpHttpSpanExporter.class));
        runner.withPropertyValues("management.tracing.export.enabled=false")
                .run(disabled -> assertThat(disabled).doesNotHaveBean(OtlpHttpSpanExporter.class));
    }
}
