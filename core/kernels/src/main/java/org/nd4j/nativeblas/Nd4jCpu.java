package org.nd4j.nativeblas;

import java.lang.reflect.Method;

/**
 * DL4J 1.0.0-M2.1 decides whether to use its oneDNN layer helpers by loading this class by name,
 * but ND4J M2.1 moved it to {@code org.nd4j.linalg.cpu.nativecpu.bindings.Nd4jCpu}, so the check
 * always fails and every convolution takes the slow im2col path. This class answers the old name by
 * asking the moved one (by reflection: core must not need the CPU backend, e.g. under CUDA).
 */
public final class Nd4jCpu {
    private Nd4jCpu() {
    }

    /** The part of the old binding DL4J calls: getInstance, isUseMKLDNN, helpersAllowed, allowHelpers. */
    public static final class Environment {
        private static final Environment INSTANCE = new Environment();
        private static final String MOVED = "org.nd4j.linalg.cpu.nativecpu.bindings.Nd4jCpu$Environment";

        private Environment() {
        }

        public static Environment getInstance() {
            return INSTANCE;
        }

        public boolean isUseMKLDNN() {
            return (Boolean) call("isUseONEDNN");
        }

        public boolean helpersAllowed() {
            return (Boolean) call("helpersAllowed");
        }

        public void allowHelpers(boolean allowed) {
            call("allowHelpers", allowed);
        }

        private static Object call(String method, Object... args) {
            try {
                Class<?> moved = Class.forName(MOVED);
                Object instance = moved.getMethod("getInstance").invoke(null);
                Method m = args.length == 0 ? moved.getMethod(method) : moved.getMethod(method, boolean.class);
                return m.invoke(instance, args);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("no ND4J CPU backend to ask (" + MOVED + "): " + e, e);
            }
        }
    }
}
