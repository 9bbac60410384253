package ipgraph;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.BoltConnectorInternalSettings;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import sun.misc.Signal;

/**
 * A real Neo4j (community, embedded in this JVM) with its Bolt connector on a loopback port
 * and authentication on, for the test suite and the benchmarks.
 *
 * <p>Prints {@code bolt://127.0.0.1:PORT} on standard output once a Bolt handshake succeeds,
 * then runs until SIGTERM/SIGINT (or until the process named by {@code --parent-pid} exits),
 * shutting the database down cleanly either way.
 */
public final class Neo4jLauncher {
    private static final String USER = "neo4j";

    public static void main(String[] args) throws Exception {
        int port = 7687;
        Path home = null;
        long parentPid = -1;
        String pageCache = "256m";
        for (int i = 0; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i]) {
                case "--port" -> { port = Integer.parseInt(require(args[i], value)); i++; }
                case "--data" -> { home = Path.of(require(args[i], value)).toAbsolutePath(); i++; }
                case "--parent-pid" -> { parentPid = Long.parseLong(require(args[i], value)); i++; }
                case "--page-cache" -> { pageCache = require(args[i], value); i++; }
                default -> usage("unknown argument " + args[i]);
            }
        }
        if (home == null) {
            usage("--data DIR is required");
        }
        // The password travels in the environment, never on a command line others can read.
        String password = System.getenv("NEO4J_PASSWORD");
        if (password == null || password.length() < 8) {
            usage("NEO4J_PASSWORD must hold the password to set (8 characters or more)");
        }

        DatabaseManagementService dbms = new DatabaseManagementServiceBuilder(home)
                .setConfig(BoltConnector.enabled, true)
                .setConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", port))
                .setConfig(BoltConnector.advertised_address, new SocketAddress("127.0.0.1", port))
                .setConfig(GraphDatabaseSettings.auth_enabled, true)
                .setConfig(GraphDatabaseSettings.pagecache_memory, parseBytes(pageCache))
                // A backstop behind the driver's per-transaction timeouts.
                .setConfig(GraphDatabaseSettings.transaction_timeout, Duration.ofMinutes(5))
                // Bolt waits 5 s for connections and 5 s for its threads on shutdown by default:
                // a test session stops it often, with its clients already gone.
                .setConfig(BoltConnectorInternalSettings.connection_shutdown_wait_time, Duration.ofSeconds(1))
                .setConfig(BoltConnectorInternalSettings.thread_pool_shutdown_wait_time, Duration.ofSeconds(1))
                .build();
        AtomicBoolean down = new AtomicBoolean();
        Runnable shutdown = () -> {
            if (down.compareAndSet(false, true)) {
                dbms.shutdown();
            }
        };
        // Any other way out of the JVM (System.exit, the parent gone) still shuts down cleanly.
        Runtime.getRuntime().addShutdownHook(new Thread(shutdown, "neo4j-shutdown"));
        // SIGTERM and SIGINT ask for a stop: shut down, then exit 0 (the JVM's own handling
        // would exit 143 or 130 after the same shutdown, which reads as a failure).
        CountDownLatch stop = new CountDownLatch(1);
        for (String name : new String[] {"TERM", "INT"}) {
            Signal.handle(new Signal(name), signal -> stop.countDown());
        }
        if (parentPid > 0) {
            ProcessHandle.of(parentPid).ifPresentOrElse(
                    parent -> parent.onExit().thenRun(stop::countDown),
                    stop::countDown);
        }

        setPassword(dbms, password);
        awaitBolt(port, Duration.ofSeconds(60));
        System.out.println("bolt://127.0.0.1:" + port);
        System.out.flush();
        stop.await();
        shutdown.run();
        System.exit(0);
    }

    /** The default user's password, set through the system database (embedded access needs none). */
    private static void setPassword(DatabaseManagementService dbms, String password) {
        try {
            dbms.database("system").executeTransactionally(
                    "ALTER USER " + USER + " SET PASSWORD $password CHANGE NOT REQUIRED",
                    Map.of("password", password));
        } catch (RuntimeException e) {
            // A restart over the same data finds the password already set.
            if (!String.valueOf(e.getMessage()).contains("cannot be the same")) {
                throw e;
            }
        }
    }

    /** Wait until the Bolt connector completes a protocol handshake (version 4.4 to 5.x). */
    private static void awaitBolt(int port, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        byte[] hello = {0x60, 0x60, (byte) 0xB0, 0x17, 0, 8, 8, 5, 0, 0, 4, 4, 0, 0, 0, 0, 0, 0, 0, 0};
        while (true) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
                socket.setSoTimeout(2000);
                OutputStream out = socket.getOutputStream();
                out.write(hello);
                out.flush();
                int version = new DataInputStream(socket.getInputStream()).readInt();
                if (version != 0) {
                    return;
                }
            } catch (IOException e) {
                // Not listening yet.
            }
            if (System.nanoTime() > deadline) {
                System.err.println("Bolt did not answer on 127.0.0.1:" + port);
                System.exit(1);
            }
            Thread.sleep(100);
        }
    }

    private static long parseBytes(String text) {
        String t = text.trim().toLowerCase();
        long unit = switch (t.charAt(t.length() - 1)) {
            case 'k' -> 1L << 10;
            case 'm' -> 1L << 20;
            case 'g' -> 1L << 30;
            default -> 1L;
        };
        String digits = unit == 1L ? t : t.substring(0, t.length() - 1);
        return Long.parseLong(digits) * unit;
    }

    private static String require(String flag, String value) {
        if (value == null) {
            usage(flag + " needs a value");
        }
        return value;
    }

    private static void usage(String problem) {
        System.err.println("neo4j launcher: " + problem);
        System.err.println("usage: NEO4J_PASSWORD=... run --data DIR [--port P] [--parent-pid PID]"
                + " [--page-cache 256m]");
        System.exit(2);
    }
}
