// archetype:generate writes files without their modes: the wrapper has to run as ./mvnw
def wrapper = new File(new File(request.outputDirectory, request.artifactId), 'mvnw')
if (!wrapper.setExecutable(true, false)) {
    throw new IllegalStateException("could not make ${wrapper} executable: run it as `sh mvnw`")
}
