package io.watchfloor.server.wiring;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.reflect.Method;
import java.lang.reflect.Proxy;

/**
 * Reloads the rules on SIGHUP through {@code sun.misc.Signal}, reached by reflection so the server still starts
 * (without the trigger) on a JVM or OS without it, e.g. Windows or {@code -Xrs}. {@link #close} puts the previous
 * handler back, so a closed server (tests start several) no longer receives the signal.
 */
final class SighupReload implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SighupReload.class);

    private final Object signal;
    private final Object previous;
    private final Method handle;

    private SighupReload(Object signal, Object previous, Method handle) {
        this.signal = signal;
        this.previous = previous;
        this.handle = handle;
    }

    /**
     * @param action run on the JVM's signal thread; must not block
     * @return the installed trigger, or null when SIGHUP cannot be handled here (logged at INFO)
     */
    static SighupReload install(Runnable action) {
        try {
            final Class<?> signalType = Class.forName("sun.misc.Signal");
            final Class<?> handlerType = Class.forName("sun.misc.SignalHandler");
            final Object signal = signalType.getConstructor(String.class).newInstance("HUP");
            final Object handler = Proxy.newProxyInstance(handlerType.getClassLoader(), new Class<?>[] {handlerType},
                    (proxy, method, args) -> {
                        if (method.getDeclaringClass() == Object.class) {
                            switch (method.getName()) {
                                case "equals": return proxy == args[0];
                                case "hashCode": return System.identityHashCode(proxy);
                                default: return "watchfloor-sighup-reload";
                            }
                        }
                        action.run();
                        return null;
                    });
            final Method handle = signalType.getMethod("handle", signalType, handlerType);
            final Object previous = handle.invoke(null, signal, handler);
            LOG.info("SIGHUP reloads the rules.");
            return new SighupReload(signal, previous, handle);
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            LOG.info("SIGHUP reload is not available here. reason={}", e.toString());
            return null;
        }
    }

    @Override
    public void close() {
        try {
            handle.invoke(null, signal, previous);
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.warn("Restoring the SIGHUP handler failed. error={}", e.toString());
        }
    }
}
