package org.peerpath.people;

import java.time.Instant;
import java.util.List;

import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;

import org.peerpath.database.StoreSize;
import org.peerpath.graphql.DomainException;
import org.peerpath.security.Role;
import org.peerpath.security.Viewer;

/**
 * The administrator's dashboard (graphql/storage.graphqls): how large the store is against the size the embedded
 * default is supported up to, with the warning at 80 % that the log carries (issue 19). The figures are
 * {@link StoreSize}'s last measurement; nothing is measured per request. They describe the whole service, not an
 * organization, and name no one.
 */
@Controller
class StorageController {

    private final StoreSize storeSize;

    StorageController(StoreSize storeSize) {
        this.storeSize = storeSize;
    }

    record Storage(boolean embedded, Long bytes, Long supportedBytes, Long percentOfSupported, String warning,
            List<CollectionDocuments> documents, Instant measuredAt) {
    }

    record CollectionDocuments(String collection, long documents) {
    }

    @QueryMapping
    Storage storage(@AuthenticationPrincipal Viewer viewer) {
        if (viewer.role() != Role.ADMIN) {
            throw DomainException.forbidden("Only administrators see the store's size.");
        }
        StoreSize.Status status = storeSize.status();
        return new Storage(status.embedded(), status.bytes(), status.supportedBytes(), status.percentOfSupported(),
                status.warning(), status.documents().entrySet().stream().sorted(java.util.Map.Entry.comparingByKey())
                        .map(e -> new CollectionDocuments(e.getKey(), e.getValue())).toList(),
                status.measuredAt());
    }
}
