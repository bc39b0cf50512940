/** What went stale, fanned out to the dashboards watching it, with a bounded log for clients that reconnect. */
package io.dashcache.application.changefeed;
