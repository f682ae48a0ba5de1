package org.peerpath.database;

import java.nio.file.Path;

import com.mongodb.ConnectionString;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Where the data lives (README, Configuration). {@link ConditionalOnDemoMode} reads {@code peerpath.mongodb.uri}
 * and {@code peerpath.demo} from the environment before any bean exists; this record checks them, with the rest,
 * when the service starts.
 *
 * @param mongodb the MongoDB server (MONGODB_URI) and the database to use
 * @param dataDir the embedded server's data file, its backups and the demo signing key (PEERPATH_DATA_DIR)
 * @param embeddedMongo the embedded server
 * @param demo demo mode on or off; unset, it is on exactly when no MongoDB URI is given. Only for tests against a
 *        throw-away database
 */
@Validated
@ConfigurationProperties("peerpath")
public record DatabaseSettings(
        @Valid @DefaultValue Mongodb mongodb,
        @NotNull @DefaultValue("./data") Path dataDir,
        @Valid @DefaultValue EmbeddedMongo embeddedMongo,
        Boolean demo) {

    /**
     * @param uri a MongoDB replica set or Atlas URI (mongodb:// or mongodb+srv://); empty: the
     *        embedded server and demo mode
     * @param database the database when the URI names none (MONGODB_DATABASE)
     */
    public record Mongodb(
            @DefaultValue("") String uri,
            @DefaultValue("peerpath") @Pattern(regexp = "[^/\\\\. \"$*<>:|?]{1,63}",
                    message = "must be a MongoDB database name: 1 to 63 characters, none of / \\ . space \" $ * < > : | ?")
            String database) {

        public Mongodb {
            if (uri != null && !uri.isBlank()) {
                try {
                    new ConnectionString(uri);
                }
                catch (IllegalArgumentException ex) {
                    // The driver's reason, never the URI itself: it may carry a password.
                    throw new IllegalArgumentException("peerpath.mongodb.uri (MONGODB_URI) is not a MongoDB "
                            + "connection string: " + ex.getMessage());
                }
            }
        }
    }

    /**
     * @param inMemory keep the embedded server's data in memory only (the tests) instead of under the data dir
     * @param supportedSize the size of the data file the embedded default is supported up to; the service warns
     *        at 80 % of it (README, Where the embedded default ends)
     */
    public record EmbeddedMongo(@DefaultValue("false") boolean inMemory,
            @NotNull @DefaultValue("1GB") DataSize supportedSize) {

        public EmbeddedMongo {
            if (supportedSize != null && supportedSize.toBytes() <= 0) {
                throw new IllegalArgumentException("peerpath.embedded-mongo.supported-size must be positive");
            }
        }
    }
}
