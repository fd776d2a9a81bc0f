# Stand-in for the official nats image: arguments starting with '-' go to nats-server; wget inside.
ARG ROOTFS
FROM ${ROOTFS}
COPY nats-entrypoint.sh /usr/local/bin/docker-entrypoint.sh
ENTRYPOINT ["docker-entrypoint.sh"]
EXPOSE 4222 6222 8222
CMD ["nats-server", "-js"]
