# Stand-in for eclipse-temurin: a JDK under /opt/java/openjdk on PATH.
ARG ROOTFS
FROM ${ROOTFS}
ENV JAVA_HOME=/opt/java/openjdk \
    PATH=/opt/java/openjdk/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
    LANG=C.UTF-8
CMD ["jshell"]
