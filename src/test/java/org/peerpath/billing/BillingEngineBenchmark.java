package org.peerpath.billing;

import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * How long one billing evaluation takes: it runs on every preview, log, edit and signature, and inside the
 * compare-and-set retry loop when signings race. Run with {@code ./mvnw -Pbenchmarks test-compile exec:java}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class BillingEngineBenchmark {

    private final BillingCase michigan = CaseFixture.michigan().build();
    private final BillingCase indiana = CaseFixture.indiana().build();
    private final BillingCase tennessee = CaseFixture.tennessee().build();

    @Benchmark
    public BillingEvaluation michiganFaceToFace() {
        return BillingEngine.evaluate(michigan);
    }

    @Benchmark
    public BillingEvaluation indianaFaceToFace() {
        return BillingEngine.evaluate(indiana);
    }

    @Benchmark
    public BillingEvaluation tennesseeFaceToFace() {
        return BillingEngine.evaluate(tennessee);
    }
}
