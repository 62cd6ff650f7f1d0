package io.watchfloor.server.wiring;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class SighupReloadTest {
    @Test
    void shouldRunTheActionOnSighupUntilClosed() throws Exception {
        final AtomicInteger calls = new AtomicInteger();
        final SighupReload sighup = SighupReload.install(calls::incrementAndGet);
        assumeTrue(sighup != null, "SIGHUP cannot be handled on this JVM");
        try {
            // raised only while our handler is installed: the default action would end the JVM
            final Class<?> signalType = Class.forName("sun.misc.Signal");
            final Object hup = signalType.getConstructor(String.class).newInstance("HUP");
            signalType.getMethod("raise", signalType).invoke(null, hup);
            await().atMost(Duration.ofSeconds(10)).until(() -> calls.get() == 1);
        } finally {
            sighup.close();
        }
    }

    @Test
    void shouldRestoreThePreviousHandlerOnClose() throws Exception {
        final AtomicInteger outer = new AtomicInteger();
        final AtomicInteger inner = new AtomicInteger();
        final SighupReload first = SighupReload.install(outer::incrementAndGet);
        assumeTrue(first != null, "SIGHUP cannot be handled on this JVM");
        try {
            final SighupReload second = SighupReload.install(inner::incrementAndGet);
            assertThat(second).isNotNull();
            second.close();
            raiseHup();
            await().atMost(Duration.ofSeconds(10)).until(() -> outer.get() == 1);
            assertThat(inner.get()).isZero();
        } finally {
            first.close();
        }
    }

    private static void raiseHup() throws Exception {
        final Class<?> signalType = Class.forName("sun.misc.Signal");
        signalType.getMethod("raise", signalType).invoke(null, signalType.getConstructor(String.class).newInstance("HUP"));
    }
}
