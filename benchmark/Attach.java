import com.sun.tools.attach.VirtualMachine;

/**
 * Loads a JVMTI agent into a running JVM: {@code java Attach.java <pid> <library> <options>}.
 * jcmd's JVMTI.agent_load cannot pass async-profiler's options (it splits them at '='), and the
 * profiler's own launcher is not on Maven Central, its library is.
 */
public class Attach {
    public static void main(String[] args) throws Exception {
        VirtualMachine vm = VirtualMachine.attach(args[0]);
        try {
            vm.loadAgentPath(args[1], args[2]);
        } finally {
            vm.detach();
        }
    }
}
