/* LD_PRELOAD shim for the no-network test (tests/e2e/test_validate_offline.py): every attempt to
 * open an internet socket, connect or resolve a name is written to $NHISCAN_NET_LOG and refused
 * (EACCES / EAI_FAIL), so a scan that tries is both seen and unable to reach anything. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

static void note(const char* what) {
    const char* path = getenv("NHISCAN_NET_LOG");
    if (!path) return;
    int fd = open(path, O_WRONLY | O_CREAT | O_APPEND, 0600);
    if (fd < 0) return;
    ssize_t n = write(fd, what, strlen(what));
    (void)n;
    n = write(fd, "\n", 1);
    (void)n;
    close(fd);
}

int socket(int domain, int type, int protocol) {
    (void)type;
    (void)protocol;
    if (domain == AF_INET || domain == AF_INET6) {
        note(domain == AF_INET ? "socket AF_INET" : "socket AF_INET6");
        errno = EACCES;
        return -1;
    }
    /* Local sockets (AF_UNIX, netlink) are no network traffic, but are not needed either. */
    note("socket other");
    errno = EACCES;
    return -1;
}

int connect(int fd, const struct sockaddr* addr, socklen_t len) {
    (void)fd;
    (void)len;
    note(addr && (addr->sa_family == AF_INET || addr->sa_family == AF_INET6) ? "connect inet" : "connect other");
    errno = EACCES;
    return -1;
}

int getaddrinfo(const char* node, const char* service, const struct addrinfo* hints, struct addrinfo** res) {
    (void)service;
    (void)hints;
    (void)res;
    char line[300];
    snprintf(line, sizeof line, "getaddrinfo %s", node ? node : "(null)");
    note(line);
    return EAI_FAIL;
}
