package io.dashcache.domain;

import java.util.List;

/**
 * What the one cache engine caches under: a part of a dashboard ({@link CacheKey}) or an entry of
 * an application's named cache ({@link NamedKey}). Every key goes through the same tiers, single
 * flight, lease, compare-and-set, refresh and metrics; what differs is only how it is spelled in
 * Redis ({@link KeyFormat}) and which scopes guard it.
 */
public sealed interface EntryKey permits CacheKey, NamedKey {

    /** The cache it belongs to (a data type's segment, a named cache's name): its metrics and TTLs. */
    String cache();

    /**
     * The scopes whose versions guard it: a value is valid only while every one of them is at the
     * version it was loaded under. All of them live in the key's hash slot.
     */
    List<Scope> scopes();
}
