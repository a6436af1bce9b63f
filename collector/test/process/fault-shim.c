// Fault injection for the process tests, loaded into the real collector with LD_PRELOAD. It wraps
// the C library's write and sync calls for files under PLAUDIT_FAULT_PREFIX and, while a control
// file exists in PLAUDIT_FAULT_DIR, makes them fail as a real machine's would:
//   enospc       writes fail with ENOSPC (a full disk)
//   fsync-eio    fsync and fdatasync fail with EIO (a failing disk)
//   fsync-stall  fsync and fdatasync wait until the file is removed (a stalled disk)
// With PLAUDIT_FAULT_LOG set, each sync call is appended there as "<call> <tid> <pid> <path>", so
// a test can tell which thread synced which file.
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <time.h>
#include <unistd.h>

static int has_control(const char *name) {
  const char *dir = getenv("PLAUDIT_FAULT_DIR");
  if (!dir) return 0;
  char path[4096];
  snprintf(path, sizeof path, "%s/%s", dir, name);
  struct stat st;
  return stat(path, &st) == 0;
}

/** Whether fd is a file under PLAUDIT_FAULT_PREFIX; fills `out` with its path. */
static int targeted(int fd, char *out, size_t size) {
  const char *prefix = getenv("PLAUDIT_FAULT_PREFIX");
  if (!prefix) return 0;
  char link[64];
  snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
  ssize_t n = readlink(link, out, size - 1);
  if (n <= 0) return 0;
  out[n] = 0;
  return strncmp(out, prefix, strlen(prefix)) == 0;
}

static void log_sync(const char *call, const char *path) {
  const char *file = getenv("PLAUDIT_FAULT_LOG");
  if (!file) return;
  int fd = open(file, O_WRONLY | O_APPEND | O_CREAT, 0644);
  if (fd < 0) return;
  char line[4200];
  int n = snprintf(line, sizeof line, "%s %ld %d %s\n", call, (long)syscall(SYS_gettid), (int)getpid(), path);
  if (n > 0) {
    ssize_t ignored = write(fd, line, (size_t)n);
    (void)ignored;
  }
  close(fd);
}

static int sync_fault(const char *call, int fd) {
  char path[4096];
  if (!targeted(fd, path, sizeof path)) return 0;
  log_sync(call, path);
  struct timespec pause = {0, 10 * 1000 * 1000};
  while (has_control("fsync-stall")) nanosleep(&pause, NULL);
  if (has_control("fsync-eio")) {
    errno = EIO;
    return -1;
  }
  return 0;
}

static int write_fault(int fd) {
  char path[4096];
  if (!has_control("enospc") || !targeted(fd, path, sizeof path)) return 0;
  errno = ENOSPC;
  return -1;
}

#define REAL(name) static __typeof__(name) *real; if (!real) real = (__typeof__(name) *)dlsym(RTLD_NEXT, #name)

int fsync(int fd) {
  REAL(fsync);
  return sync_fault("fsync", fd) ? -1 : real(fd);
}

int fdatasync(int fd) {
  REAL(fdatasync);
  return sync_fault("fdatasync", fd) ? -1 : real(fd);
}

ssize_t write(int fd, const void *buf, size_t count) {
  REAL(write);
  return write_fault(fd) ? -1 : real(fd, buf, count);
}

ssize_t pwrite(int fd, const void *buf, size_t count, off_t offset) {
  REAL(pwrite);
  return write_fault(fd) ? -1 : real(fd, buf, count, offset);
}

ssize_t pwrite64(int fd, const void *buf, size_t count, off64_t offset) {
  REAL(pwrite64);
  return write_fault(fd) ? -1 : real(fd, buf, count, offset);
}

ssize_t writev(int fd, const struct iovec *iov, int iovcnt) {
  REAL(writev);
  return write_fault(fd) ? -1 : real(fd, iov, iovcnt);
}

ssize_t pwritev(int fd, const struct iovec *iov, int iovcnt, off_t offset) {
  REAL(pwritev);
  return write_fault(fd) ? -1 : real(fd, iov, iovcnt, offset);
}
