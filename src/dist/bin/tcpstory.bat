@echo off
rem tcpstory's launcher: runs lib\tcpstory.jar of this installation with the JVM flags that suit a
rem command of seconds (see cli/TunedJvm), so the tool needs no second JVM. Put this folder on the PATH.
rem The java of JAVA_HOME, else the one on the PATH; JAVA_OPTS adds JVM options.
setlocal
set "TCPSTORY_LIB=%~dp0..\lib"
if defined JAVA_HOME (set "JAVA_EXE=%JAVA_HOME%\bin\java.exe") else (set "JAVA_EXE=java")
rem serve runs for hours: the JVM's defaults suit it.
set "TUNED=-XX:TieredStopAtLevel=1 -XX:+UseSerialGC"
if /i "%~1"=="serve" set "TUNED="
"%JAVA_EXE%" %TUNED% %JAVA_OPTS% -Dtcpstory.tunedJvm=1 -jar "%TCPSTORY_LIB%\tcpstory.jar" %*
exit /b %ERRORLEVEL%
