import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.harness.Neo4j;
import org.neo4j.harness.Neo4jBuilders;

/**
 * Starts an in-process Neo4j for the test suite: Bolt on 127.0.0.1 at a free port, HTTP off, auth off.
 * Prints one line "NEO4J_READY bolt://127.0.0.1:PORT" when it accepts connections, then runs until its
 * standard input closes (the parent process died or asked it to stop) or it receives SIGTERM.
 * Usage: java -cp "CACHE/*" Launcher.java WORKING_DIR [PORT]
 * The page cache is 128 MB unless KG_NEO4J_PAGECACHE gives another size in megabytes (the
 * benchmark raises it: a Neo4j server sizes it from the machine's memory, far above 128 MB).
 */
public class Launcher {
    public static void main(String[] args) throws Exception {
        Path workingDir = Path.of(args.length > 0 ? args[0] : "target/neo4j");
        Files.createDirectories(workingDir);
        int port = args.length > 1 ? Integer.parseInt(args[1]) : freePort();
        String pageCacheMb = System.getenv().getOrDefault("KG_NEO4J_PAGECACHE", "128");

        if (System.getenv().containsKey("KG_NEO4J_PERSISTENT")) {
            runPersistent(workingDir, port, pageCacheMb);
            return;
        }
        Neo4j neo4j = Neo4jBuilders.newInProcessBuilder(workingDir)
                .withDisabledServer()
                .withConfig(BoltConnector.enabled, true)
                .withConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", port))
                .withConfig(BoltConnector.advertised_address, new SocketAddress("127.0.0.1", port))
                .withConfig(BoltConnector.encryption_level, BoltConnector.EncryptionLevel.DISABLED)
                .withConfig(GraphDatabaseSettings.auth_enabled, false)
                .withConfig(GraphDatabaseSettings.pagecache_memory, Long.parseLong(pageCacheMb) * 1024 * 1024)
                .withConfig(GraphDatabaseSettings.transaction_timeout, Duration.ofSeconds(60))
                .build();

        Runtime.getRuntime().addShutdownHook(new Thread(neo4j::close, "neo4j-shutdown"));
        System.out.println("NEO4J_READY bolt://127.0.0.1:" + port);
        System.out.flush();

        // Stop when the parent closes our stdin, so no orphaned database outlives a crashed test run.
        InputStream in = System.in;
        byte[] buffer = new byte[64];
        while (in.read(buffer) >= 0) {
            // ignore input; only end-of-stream matters
        }
        System.exit(0);
    }

    /**
     * With KG_NEO4J_PERSISTENT set: the database lives in WORKING_DIR itself (the harness makes a
     * new folder inside it on every start), so a Neo4j killed midway starts again on its files
     * and recovers its committed transactions, as a server does.
     */
    private static void runPersistent(Path home, int port, String pageCacheMb) throws IOException {
        DatabaseManagementService service = new DatabaseManagementServiceBuilder(home)
                .setConfig(BoltConnector.enabled, true)
                .setConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", port))
                .setConfig(BoltConnector.advertised_address, new SocketAddress("127.0.0.1", port))
                .setConfig(BoltConnector.encryption_level, BoltConnector.EncryptionLevel.DISABLED)
                .setConfig(GraphDatabaseSettings.auth_enabled, false)
                .setConfig(GraphDatabaseSettings.pagecache_memory, Long.parseLong(pageCacheMb) * 1024 * 1024)
                .setConfig(GraphDatabaseSettings.transaction_timeout, Duration.ofSeconds(60))
                .build();
        Runtime.getRuntime().addShutdownHook(new Thread(service::shutdown, "neo4j-shutdown"));
        service.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME).isAvailable(60_000);
        System.out.println("NEO4J_READY bolt://127.0.0.1:" + port);
        System.out.flush();
        InputStream in = System.in;
        byte[] buffer = new byte[64];
        while (in.read(buffer) >= 0) {
            // ignore input; only end-of-stream matters
        }
        System.exit(0);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 0, java.net.InetAddress.getByName("127.0.0.1"))) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }
}
