package dev.rivulet.hazelcast.internal;

import dev.rivulet.Rivulet;
import dev.rivulet.cli.RivuletConfiguration;
import dev.rivulet.runner.RemoteTaskException;
import dev.rivulet.runner.TaskCallReceiver;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a member carries task calls out with: a receiver of the application's Rivulet and the class
 * loader of the application's classes. The member program installs it before the member joins; a
 * member started some other way makes one at its first call, from the {@link RivuletConfiguration}
 * its class path provides (or the defaults), kept for the life of the JVM.
 */
public final class MemberContext {

    private static final Logger LOG = LoggerFactory.getLogger(MemberContext.class);
    /** What {@link #installed} holds once the member program has closed its Rivulet: calls are refused, not given a new one. */
    private static final MemberContext STOPPED = new MemberContext(null, null);
    private static volatile MemberContext installed;
    private static volatile boolean memberJvm;

    private final TaskCallReceiver receiver;
    private final ClassLoader loader;

    private MemberContext(TaskCallReceiver receiver, ClassLoader loader) {
        this.receiver = receiver;
        this.loader = loader;
    }

    /** Notes that this JVM carries task calls out, before its configuration is read; see {@link #isMemberJvm()}. */
    public static void markMemberJvm() {
        memberJvm = true;
    }

    /** {@return whether this JVM carries out task calls: it runs the member program, or a member here has received a call} */
    public static boolean isMemberJvm() {
        return memberJvm;
    }

    /** Makes {@code receiver} the one this JVM's members carry calls out with, {@code loader} the loader of the application's classes. */
    public static void install(TaskCallReceiver receiver, ClassLoader loader) {
        memberJvm = true;
        installed = new MemberContext(receiver, loader);
    }

    /** Refuses further calls, once the Rivulet behind the installed receiver is closed. */
    public static void uninstall() {
        installed = STOPPED;
    }

    static MemberContext current() {
        MemberContext context = installed;
        if (context == STOPPED) {
            throw new RemoteTaskException("this member is stopping; the call goes to another member");
        }
        if (context == null) {
            synchronized (MemberContext.class) {
                context = installed;
                if (context == null) {
                    context = fromClassPath();
                    installed = context;
                }
            }
        }
        return context;
    }

    private static MemberContext fromClassPath() {
        memberJvm = true;
        ClassLoader loader = Optional.ofNullable(Thread.currentThread().getContextClassLoader()).orElse(MemberContext.class.getClassLoader());
        RivuletConfiguration config = RivuletConfiguration.fromClassPath(loader).orElse(new RivuletConfiguration() {});
        Rivulet.Builder builder = Rivulet.builder();
        config.configure(builder);
        Rivulet rivulet = builder.build();
        LOG.info("Carrying out Rivulet task calls with {} found on the class path", config.getClass().getName());
        return new MemberContext(rivulet.taskCallReceiver(config::implementation), loader);
    }

    /** Carries out a call with the application's class loader as the thread's context loader. */
    byte[] receive(byte[] call) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        try {
            return receiver.receive(call);
        } finally {
            thread.setContextClassLoader(previous);
        }
    }
}
