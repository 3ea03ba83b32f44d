import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.harness.Neo4j;
import org.neo4j.harness.Neo4jBuilder;
import org.neo4j.harness.Neo4jBuilders;
import org.neo4j.graphdb.config.Setting;

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

        Map<Setting<?>, Object> settings = settings(port, pageCacheMb);
        if (System.getenv().containsKey("KG_NEO4J_PERSISTENT")) {
            // The database lives in WORKING_DIR itself (the harness makes a new folder inside it on
            // every start), so a Neo4j killed midway starts again on its files and recovers its
            // committed transactions, as a server does.
            DatabaseManagementService service = new DatabaseManagementServiceBuilder(workingDir).setConfig(settings).build();
            Runtime.getRuntime().addShutdownHook(new Thread(service::shutdown, "neo4j-shutdown"));
            service.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME).isAvailable(60_000);
        } else {
            Neo4jBuilder builder = Neo4jBuilders.newInProcessBuilder(workingDir).withDisabledServer();
            for (Map.Entry<Setting<?>, Object> setting : settings.entrySet()) builder = with(builder, setting.getKey(), setting.getValue());
            Neo4j neo4j = builder.build();
            Runtime.getRuntime().addShutdownHook(new Thread(neo4j::close, "neo4j-shutdown"));
        }
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

    /** Bolt on 127.0.0.1 at `port`, unencrypted, no auth, the page cache, a 60 s transaction timeout. */
    private static Map<Setting<?>, Object> settings(int port, String pageCacheMb) {
        Map<Setting<?>, Object> settings = new LinkedHashMap<>();
        settings.put(BoltConnector.enabled, true);
        settings.put(BoltConnector.listen_address, new SocketAddress("127.0.0.1", port));
        settings.put(BoltConnector.advertised_address, new SocketAddress("127.0.0.1", port));
        settings.put(BoltConnector.encryption_level, BoltConnector.EncryptionLevel.DISABLED);
        settings.put(GraphDatabaseSettings.auth_enabled, false);
        settings.put(GraphDatabaseSettings.pagecache_memory, Long.parseLong(pageCacheMb) * 1024 * 1024);
        settings.put(GraphDatabaseSettings.transaction_timeout, Duration.ofSeconds(60));
        return settings;
    }

    @SuppressWarnings("unchecked")
    private static <T> Neo4jBuilder with(Neo4jBuilder builder, Setting<T> setting, Object value) {
        return builder.withConfig(setting, (T) value);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 0, java.net.InetAddress.getByName("127.0.0.1"))) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }
}
