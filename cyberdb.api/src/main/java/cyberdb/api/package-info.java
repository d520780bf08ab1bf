/**
 * CyberDB's public API. {@link cyberdb.api.CyberDB} opens a {@link cyberdb.api.CyberClient};
 * its {@link cyberdb.api.CyberProxy} opens tables: {@link cyberdb.api.CyberDict} (a concurrent,
 * insertion-ordered map) and {@link cyberdb.api.CyberList} (a list).
 */
package cyberdb.api;
