package io.watchfloor.core.ring;

import com.lmax.disruptor.ExceptionHandler;
import io.watchfloor.core.event.Event;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts exceptions thrown by ring stages and skips the event: a bad event never stops a stage thread.
 * Logs once per distinct (stage, exception class). Thread-safe.
 */
final class StageErrors implements ExceptionHandler<Event> {
    private static final Logger LOG = LoggerFactory.getLogger(StageErrors.class);

    private final String stage;
    private final LongAdder count;
    private final Set<String> logged = ConcurrentHashMap.newKeySet();

    StageErrors(String stage, LongAdder count) {
        this.stage = stage;
        this.count = count;
    }

    @Override
    public void handleEventException(Throwable ex, long sequence, Event event) {
        count.increment();
        if (logged.size() < 100 && logged.add(ex.getClass().getName())) {
            LOG.error("Stage failed on an event; skipped. stage={} sequence={} error={}", stage, sequence, ex.toString(), ex);
        }
    }

    @Override
    public void handleOnStartException(Throwable ex) {
        LOG.error("Stage failed to start. stage={}", stage, ex);
    }

    @Override
    public void handleOnShutdownException(Throwable ex) {
        LOG.error("Stage failed to shut down. stage={}", stage, ex);
    }
}
