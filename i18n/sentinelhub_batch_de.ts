<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de">
<context>
    <name>@default</name>
    <message>
        <location filename="../plugin/gui/jobs_dock.py" line="255"/>
        <source>Folder for downloaded results</source>
        <translation>Ordner für heruntergeladene Ergebnisse</translation>
    </message>
    <message>
        <location filename="../plugin/gui/jobs_dock.py" line="320"/>
        <source>{what}…</source>
        <translation>{what}…</translation>
    </message>
    <message>
        <location filename="../plugin/gui/jobs_dock.py" line="331"/>
        <source>Sentinel Hub Batch: {what}</source>
        <translation>Sentinel Hub Batch: {what}</translation>
    </message>
    <message>
        <location filename="../plugin/gui/jobs_dock.py" line="346"/>
        <source>Listing jobs</source>
        <translation>Auflisten der Aufträge</translation>
    </message>
    <message>
        <location filename="../plugin/gui/jobs_dock.py" line="356"/>
        <source>Listing more jobs</source>
        <translation>Auflisten weiterer Aufträge</translation>
    </message>
    <message>
        <location filename="../plugin/gui/jobs_dock.py" line="372"/>
        <source>This account has no batch jobs yet.</source>
        <translation>Dieses Konto hat noch keine Batch-Aufträge.</translation>
    </message>
    <message>
        <location filename="../plugin/gui/jobs_dock.py" line="377"/>
        <source>Finding the latest job</source>
        <translation>Suche nach dem neuesten Auftrag</translation>
    </message>
    <message>
        <location filename="../plugin/gui/jobs_dock.py" line="392"/>
        <source>Opening job {id}</source>
        <translation>Öffnen des Auftrags {id}</translation>
    </message>
    <message>
        <location filename="../plugin/gui/jobs_dock.py" line="494"/>
        <source>{pu:.1f} PU spent</source>
        <translation>{pu:.1f} PU verbraucht</translation>
    </message>
    <message>
        <location filename="../plugin/gui/jobs_dock.py" line="495"/>
        <source>created {created}, updated {updated}</source>
        <translation>erstellt {created}, aktualisiert {updated}</translation>
    </message>
    <message>
        <location filename="../plugin/gui/jobs_dock.py" line="521"/>
        <source>not shown</source>
        <translation>nicht angezeigt</translation>
    </message>
    <message>
        <location filename="../plugin/gui/jobs_dock.py" line="521"/>
        <source>waiting for the tiles</source>
        <translation>Kacheln ausstehend</translation>
    </message>
    <message>
        <location filename="../plugin/gui/jobs_dock.py" line="525"/>
        <source>{total} tiles: {parts}</source>
        <translation>{total} Kacheln: {parts}</translation>
    </message>
    <message>
        <location filename="../plugin/gui/jobs_dock.py" line="572"/>
        <source>Choose a job first.</source>
        <translation>Wählen Sie zuerst einen Auftrag.</translation>
    </message>
    <message>
        <location filename="../plugin/gui/jobs_dock.py" line="580"/>
        <source>Saving the description</source>
        <translation>Speichern der Beschreibung</translation>
    </message>
    <message>
        <location filename="../plugin/gui/jobs_dock.py" line="586"/>
        <source>Asking the service to analyse the job</source>
        <translation>Anfordern der Analyse beim Dienst</translation>
    </message>
    <message>
        <location filename="../plugin/gui/jobs_dock.py" line="624"/>
        <source>Starting the job</source>
        <translation>Starten des Auftrags</translation>
    </message>
    <message>
        <location filename="../plugin/gui/jobs_dock.py" line="634"/>
        <source>Stopping the job</source>
        <translation>Anhalten des Auftrags</translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/retry_failed_tiles.py" line="38"/>
        <source>Retry failed tiles</source>
        <translation>Fehlgeschlagene Kacheln wiederholen</translation>
    </message>
    <message>
        <location filename="../plugin/gui/jobs_dock.py" line="666"/>
        <source>Select the tiles to reprocess on the map (in the job&apos;s tile layer) first.</source>
        <translation>Wählen Sie zuerst auf der Karte die Kacheln, die neu verarbeitet werden sollen (im Kachellayer des Auftrags).</translation>
    </message>
    <message>
        <location filename="../plugin/gui/jobs_dock.py" line="669"/>
        <source>Reprocess {count} selected tile(s) of job {id}? A new request over just those tiles is created and started; it overwrites their outputs and is charged.</source>
        <translation>{count} gewählte Kachel(n) des Auftrags {id} neu verarbeiten? Eine neue Anfrage nur über diese Kacheln wird erstellt und gestartet; sie überschreibt deren Ausgaben und wird berechnet.</translation>
    </message>
    <message>
        <location filename="../plugin/gui/jobs_dock.py" line="672"/>
        <source>Reprocess tiles</source>
        <translation>Kacheln neu verarbeiten</translation>
    </message>
    <message>
        <location filename="../plugin/gui/jobs_dock.py" line="687"/>
        <source>Job {new} re-runs tiles of {old}; their colours follow it on the map.</source>
        <translation>Auftrag {new} verarbeitet Kacheln von {old} neu; ihre Farben auf der Karte folgen ihm.</translation>
    </message>
    <message>
        <location filename="../plugin/gui/jobs_dock.py" line="690"/>
        <source>Creating the re-run request</source>
        <translation>Erstellen der Anfrage zur Neuverarbeitung</translation>
    </message>
    <message>
        <location filename="../plugin/gui/jobs_dock.py" line="704"/>
        <source>The API calls of job {id} were copied (secrets masked).</source>
        <translation>Die API-Aufrufe des Auftrags {id} wurden kopiert (geheime Werte maskiert).</translation>
    </message>
    <message>
        <location filename="../plugin/gui/jobs_dock.py" line="749"/>
        <source>The tiles of job {id} cannot be drawn yet: {error}</source>
        <translation>Die Kacheln des Auftrags {id} können noch nicht gezeichnet werden: {error}</translation>
    </message>
    <message>
        <location filename="../plugin/gui/jobs_dock.py" line="754"/>
        <source>Sentinel Hub Batch: tiles of job {id}</source>
        <translation>Sentinel Hub Batch: Kacheln des Auftrags {id}</translation>
    </message>
    <message>
        <location filename="../plugin/gui/jobs_dock.py" line="860"/>
        <source>Job {id}: connected again.</source>
        <translation>Auftrag {id}: wieder verbunden.</translation>
    </message>
    <message>
        <location filename="../plugin/gui/jobs_dock.py" line="890"/>
        <source>Job {id}: {message}</source>
        <translation>Auftrag {id}: {message}</translation>
    </message>
    <message>
        <location filename="../plugin/gui/jobs_dock.py" line="906"/>
        <source>Re-run {id}</source>
        <translation>Neuverarbeitung {id}</translation>
    </message>
    <message>
        <location filename="../plugin/gui/jobs_dock.py" line="906"/>
        <source>Job {id}</source>
        <translation>Auftrag {id}</translation>
    </message>
    <message>
        <location filename="../plugin/gui/jobs_dock.py" line="909"/>
        <source>{name} finished. Load its results from the jobs panel.</source>
        <translation>{name} ist fertig. Laden Sie die Ergebnisse im Bedienfeld der Batch-Aufträge.</translation>
    </message>
    <message>
        <location filename="../plugin/gui/jobs_dock.py" line="912"/>
        <source>{name} failed: {error}</source>
        <translation>{name} ist fehlgeschlagen: {error}</translation>
    </message>
    <message>
        <location filename="../plugin/gui/new_job_dock.py" line="948"/>
        <source>no reason given</source>
        <translation>kein Grund angegeben</translation>
    </message>
    <message>
        <location filename="../plugin/gui/jobs_dock.py" line="916"/>
        <source>{name} stopped: {reason}.</source>
        <translation>{name} wurde angehalten: {reason}.</translation>
    </message>
    <message>
        <location filename="../plugin/gui/jobs_dock.py" line="919"/>
        <source>{name} is analysed and waits to be started.</source>
        <translation>{name} ist analysiert und wartet auf den Start.</translation>
    </message>
    <message>
        <location filename="../plugin/plugin.py" line="122"/>
        <source>Sentinel Hub Batch</source>
        <translation>Sentinel Hub Batch</translation>
    </message>
    <message>
        <location filename="../plugin/services/results.py" line="775"/>
        <source>Job {id} has no S3 delivery, so there are no results to load.</source>
        <translation>Auftrag {id} liefert nicht nach S3, daher gibt es keine Ergebnisse zu laden.</translation>
    </message>
    <message>
        <location filename="../plugin/gui/jobs_dock.py" line="979"/>
        <source>Downloading the results of job {id}</source>
        <translation>Herunterladen der Ergebnisse des Auftrags {id}</translation>
    </message>
    <message>
        <location filename="../plugin/gui/jobs_dock.py" line="979"/>
        <source>Loading the results of job {id}</source>
        <translation>Laden der Ergebnisse des Auftrags {id}</translation>
    </message>
    <message>
        <location filename="../plugin/gui/jobs_dock.py" line="996"/>
        <source>Download the results to</source>
        <translation>Ergebnisse herunterladen nach</translation>
    </message>
    <message>
        <location filename="../plugin/gui/jobs_dock.py" line="1008"/>
        <source>{count} result layer(s) of job {id} loaded in group &apos;{group}&apos;.</source>
        <translation>{count} Ergebnislayer des Auftrags {id} in die Gruppe „{group}“ geladen.</translation>
    </message>
    <message>
        <location filename="../plugin/gui/jobs_dock.py" line="1017"/>
        <source>The result layers of job {id} need the S3 keys: {error}</source>
        <translation>Die Ergebnislayer des Auftrags {id} benötigen die S3-Schlüssel: {error}</translation>
    </message>
    <message>
        <location filename="../plugin/gui/jobs_dock.py" line="1046"/>
        <source>Job {id} of this project cannot be followed: {error}</source>
        <translation>Auftrag {id} dieses Projekts kann nicht verfolgt werden: {error}</translation>
    </message>
    <message>
        <location filename="../plugin/gui/monitor.py" line="241"/>
        <source>There is no connection for this job. Open the connection settings and check the credentials, then refresh the job.</source>
        <translation>Für diesen Auftrag gibt es keine Verbindung. Öffnen Sie die Verbindungseinstellungen, prüfen Sie die Zugangsdaten und aktualisieren Sie dann den Auftrag.</translation>
    </message>
    <message>
        <location filename="../plugin/gui/monitor.py" line="296"/>
        <source>Job {id} was not found: {message}</source>
        <translation>Auftrag {id} wurde nicht gefunden: {message}</translation>
    </message>
    <message>
        <location filename="../plugin/gui/monitor.py" line="307"/>
        <source>Polling failed unexpectedly: {error}</source>
        <translation>Die Statusabfrage ist unerwartet fehlgeschlagen: {error}</translation>
    </message>
    <message>
        <location filename="../plugin/gui/new_job_dock.py" line="148"/>
        <source>No area yet.</source>
        <translation>Noch kein Gebiet.</translation>
    </message>
    <message>
        <location filename="../plugin/gui/new_job_dock.py" line="448"/>
        <source>Load evalscript</source>
        <translation>Evalscript laden</translation>
    </message>
    <message>
        <location filename="../plugin/gui/new_job_dock.py" line="448"/>
        <source>Evalscripts (*.js);;All files (*)</source>
        <translation>Evalscripts (*.js);;Alle Dateien (*)</translation>
    </message>
    <message>
        <location filename="../plugin/gui/new_job_dock.py" line="455"/>
        <source>Loading the evalscript failed</source>
        <translation>Laden des Evalscripts fehlgeschlagen</translation>
    </message>
    <message>
        <location filename="../plugin/gui/new_job_dock.py" line="459"/>
        <source>Save evalscript</source>
        <translation>Evalscript speichern</translation>
    </message>
    <message>
        <location filename="../plugin/gui/new_job_dock.py" line="459"/>
        <source>Evalscripts (*.js)</source>
        <translation>Evalscripts (*.js)</translation>
    </message>
    <message>
        <location filename="../plugin/gui/new_job_dock.py" line="466"/>
        <source>Saving the evalscript failed</source>
        <translation>Speichern des Evalscripts fehlgeschlagen</translation>
    </message>
    <message>
        <location filename="../plugin/gui/new_job_dock.py" line="601"/>
        <source>The area could not be read from the layer ({kind}); details are in the log.</source>
        <translation>Das Gebiet konnte nicht aus dem Layer gelesen werden ({kind}); Details stehen im Protokoll.</translation>
    </message>
    <message>
        <location filename="../plugin/gui/new_job_dock.py" line="725"/>
        <source>Inputs {bands}; {mosaicking} mosaicking; outputs {outputs}</source>
        <translation>Eingaben {bands}; Mosaikbildung {mosaicking}; Ausgaben {outputs}</translation>
    </message>
    <message>
        <location filename="../plugin/gui/start_dialog.py" line="71"/>
        <source>{count} tile(s)</source>
        <translation>{count} Kachel(n)</translation>
    </message>
    <message>
        <location filename="../plugin/gui/new_job_dock.py" line="735"/>
        <source> of {w} × {h} px ({bw} × {bh} px with the buffer)</source>
        <translation> zu {w} × {h} px ({bw} × {bh} px mit Puffer)</translation>
    </message>
    <message>
        <location filename="../plugin/gui/new_job_dock.py" line="827"/>
        <source>Choose a polygon layer as the area.</source>
        <translation>Wählen Sie einen Polygonlayer als Gebiet.</translation>
    </message>
    <message>
        <location filename="../plugin/gui/new_job_dock.py" line="867"/>
        <source>Wait for &apos;{action}&apos; to finish.</source>
        <translation>Warten Sie, bis „{action}“ abgeschlossen ist.</translation>
    </message>
    <message>
        <location filename="../plugin/gui/new_job_dock.py" line="830"/>
        <source>The preview is being computed.</source>
        <translation>Die Vorschau wird berechnet.</translation>
    </message>
    <message>
        <location filename="../plugin/gui/new_job_dock.py" line="833"/>
        <source>The evalscript has not been read yet.</source>
        <translation>Das Evalscript wurde noch nicht gelesen.</translation>
    </message>
    <message>
        <location filename="../plugin/gui/new_job_dock.py" line="847"/>
        <source>Create the batch request (nothing is processed yet).</source>
        <translation>Batch-Anfrage erstellen (noch wird nichts verarbeitet).</translation>
    </message>
    <message>
        <location filename="../plugin/gui/new_job_dock.py" line="860"/>
        <source>Compute the tiles of the created request at the service.</source>
        <translation>Die Kacheln der erstellten Anfrage beim Dienst berechnen lassen.</translation>
    </message>
    <message>
        <location filename="../plugin/gui/new_job_dock.py" line="860"/>
        <source>Analyse</source>
        <translation>Analysieren</translation>
    </message>
    <message>
        <location filename="../plugin/gui/new_job_dock.py" line="862"/>
        <source>Start processing (asks for confirmation with the cost).</source>
        <translation>Verarbeitung starten (fragt mit den Kosten nach einer Bestätigung).</translation>
    </message>
    <message>
        <location filename="../plugin/gui/new_job_dock.py" line="862"/>
        <source>Start</source>
        <translation>Starten</translation>
    </message>
    <message>
        <location filename="../plugin/gui/new_job_dock.py" line="869"/>
        <source>Create a job first.</source>
        <translation>Erstellen Sie zuerst einen Auftrag.</translation>
    </message>
    <message>
        <location filename="../plugin/gui/new_job_dock.py" line="870"/>
        <source>{action} needs a job in state {allowed}; this one is {status}.</source>
        <translation>„{action}“ braucht einen Auftrag im Status {allowed}; dieser ist {status}.</translation>
    </message>
    <message>
        <location filename="../plugin/gui/new_job_dock.py" line="894"/>
        <source>Sentinel Hub Batch: {action}</source>
        <translation>Sentinel Hub Batch: {action}</translation>
    </message>
    <message>
        <location filename="../plugin/gui/new_job_dock.py" line="900"/>
        <source>{action} failed</source>
        <translation>{action} fehlgeschlagen</translation>
    </message>
    <message>
        <location filename="../plugin/gui/new_job_dock.py" line="908"/>
        <source>Creating the batch request</source>
        <translation>Erstellen der Batch-Anfrage</translation>
    </message>
    <message>
        <location filename="../plugin/gui/new_job_dock.py" line="915"/>
        <source>The request is not valid</source>
        <translation>Die Anfrage ist ungültig</translation>
    </message>
    <message>
        <location filename="../plugin/gui/new_job_dock.py" line="926"/>
        <source>Batch request created</source>
        <translation>Batch-Anfrage erstellt</translation>
    </message>
    <message>
        <location filename="../plugin/gui/new_job_dock.py" line="926"/>
        <source>Request {id} is created. Analyse it to check the tiles, or Start it.</source>
        <translation>Anfrage {id} ist erstellt. Prüfen Sie die Kacheln mit „Analysieren“ oder starten Sie sie mit „Starten…“.</translation>
    </message>
    <message>
        <location filename="../plugin/gui/new_job_dock.py" line="939"/>
        <source>Analysing the batch request</source>
        <translation>Analysieren der Batch-Anfrage</translation>
    </message>
    <message>
        <location filename="../plugin/gui/new_job_dock.py" line="948"/>
        <source>Analysis failed</source>
        <translation>Analyse fehlgeschlagen</translation>
    </message>
    <message>
        <location filename="../plugin/gui/new_job_dock.py" line="948"/>
        <source>Request {id} failed in analysis: {error}</source>
        <translation>Anfrage {id} ist bei der Analyse fehlgeschlagen: {error}</translation>
    </message>
    <message>
        <location filename="../plugin/gui/new_job_dock.py" line="952"/>
        <source>Analysis done</source>
        <translation>Analyse abgeschlossen</translation>
    </message>
    <message>
        <location filename="../plugin/gui/new_job_dock.py" line="952"/>
        <source>Request {id} is analysed ({status}); Start it when ready.</source>
        <translation>Anfrage {id} ist analysiert ({status}); starten Sie sie mit „Starten…“, sobald Sie so weit sind.</translation>
    </message>
    <message>
        <location filename="../plugin/gui/new_job_dock.py" line="986"/>
        <source>Starting the batch request</source>
        <translation>Starten der Batch-Anfrage</translation>
    </message>
    <message>
        <location filename="../plugin/gui/new_job_dock.py" line="990"/>
        <source>Batch request started</source>
        <translation>Batch-Anfrage gestartet</translation>
    </message>
    <message>
        <location filename="../plugin/gui/new_job_dock.py" line="990"/>
        <source>Request {id} is starting; follow it in the Jobs panel.</source>
        <translation>Anfrage {id} wird gestartet; verfolgen Sie sie im Bedienfeld der Batch-Aufträge.</translation>
    </message>
    <message>
        <location filename="../plugin/gui/new_job_dock.py" line="1007"/>
        <source>Request {id}: {status}</source>
        <translation>Anfrage {id}: {status}</translation>
    </message>
    <message>
        <location filename="../plugin/gui/new_job_dock.py" line="1009"/>
        <source>, {cost} PU</source>
        <translation>, {cost} PU</translation>
    </message>
    <message>
        <location filename="../plugin/gui/quicklook.py" line="168"/>
        <source>Sentinel Hub quick look</source>
        <translation>Sentinel-Hub-Schnellansicht</translation>
    </message>
    <message>
        <location filename="../plugin/gui/quicklook.py" line="178"/>
        <source>Sentinel Hub evalscript test</source>
        <translation>Sentinel-Hub-Evalscript-Test</translation>
    </message>
    <message>
        <location filename="../plugin/gui/quicklook.py" line="183"/>
        <source>Cancelling… (the answer on its way is discarded)</source>
        <translation>Wird abgebrochen… (eine noch eintreffende Antwort wird verworfen)</translation>
    </message>
    <message>
        <location filename="../plugin/gui/quicklook.py" line="224"/>
        <source>A call is already running; wait or cancel it.</source>
        <translation>Ein Aufruf läuft bereits; warten Sie oder brechen Sie ihn ab.</translation>
    </message>
    <message>
        <location filename="../plugin/services/tasks.py" line="165"/>
        <source>Cancelled.</source>
        <translation>Abgebrochen.</translation>
    </message>
    <message>
        <location filename="../plugin/gui/quicklook.py" line="269"/>
        <source>The call ended without an answer.</source>
        <translation>Der Aufruf endete ohne Antwort.</translation>
    </message>
    <message>
        <location filename="../plugin/gui/quicklook.py" line="279"/>
        <source>cost unknown</source>
        <translation>Kosten unbekannt</translation>
    </message>
    <message>
        <location filename="../plugin/gui/quicklook.py" line="279"/>
        <source>{pu:.3g} PU</source>
        <translation>{pu:.3g} PU</translation>
    </message>
    <message>
        <location filename="../plugin/gui/quicklook.py" line="281"/>
        <source>Quick look</source>
        <translation>Schnellansicht</translation>
    </message>
    <message>
        <location filename="../plugin/gui/quicklook.py" line="281"/>
        <source>Test evalscript</source>
        <translation>Evalscript testen</translation>
    </message>
    <message>
        <location filename="../plugin/gui/quicklook.py" line="282"/>
        <source>Added {names} ({cost}).</source>
        <translation>{names} hinzugefügt ({cost}).</translation>
    </message>
    <message>
        <location filename="../plugin/gui/quicklook.py" line="291"/>
        <source>Quick look (true colour)</source>
        <translation>Schnellansicht (Echtfarben)</translation>
    </message>
    <message>
        <location filename="../plugin/gui/quicklook.py" line="294"/>
        <source>The answer file {name} could not be opened as a raster.</source>
        <translation>Die Antwortdatei {name} konnte nicht als Raster geöffnet werden.</translation>
    </message>
    <message>
        <location filename="../plugin/gui/quicklook.py" line="304"/>
        <source>Evalscript test</source>
        <translation>Evalscript-Test</translation>
    </message>
    <message>
        <location filename="../plugin/gui/quicklook.py" line="318"/>
        <source>Quick look failed</source>
        <translation>Schnellansicht fehlgeschlagen</translation>
    </message>
    <message>
        <location filename="../plugin/gui/quicklook.py" line="318"/>
        <source>Evalscript test failed</source>
        <translation>Evalscript-Test fehlgeschlagen</translation>
    </message>
    <message>
        <location filename="../plugin/gui/settings_dialog.py" line="54"/>
        <source>Connected to {name}: the credentials work and batch requests can be listed.</source>
        <translation>Verbunden mit {name}: Die Zugangsdaten funktionieren, und Batch-Anfragen lassen sich auflisten.</translation>
    </message>
    <message>
        <location filename="../plugin/gui/settings_dialog.py" line="56"/>
        <source>Connected to {name}: the credentials work and batch access is enabled (no batch requests yet).</source>
        <translation>Verbunden mit {name}: Die Zugangsdaten funktionieren, und der Batch-Zugriff ist freigeschaltet (noch keine Batch-Anfragen).</translation>
    </message>
    <message>
        <location filename="../plugin/gui/settings_dialog.py" line="132"/>
        <source>Custom URLs</source>
        <translation>Eigene URLs</translation>
    </message>
    <message>
        <location filename="../plugin/gui/settings_dialog.py" line="213"/>
        <source>Enter the client id that belongs to the secret.</source>
        <translation>Geben Sie die Client-ID ein, die zum Client-Secret gehört.</translation>
    </message>
    <message>
        <location filename="../plugin/gui/settings_dialog.py" line="217"/>
        <source>Enter the S3 access key that belongs to the secret key.</source>
        <translation>Geben Sie den S3-Zugriffsschlüssel ein, der zum geheimen Schlüssel gehört.</translation>
    </message>
    <message>
        <location filename="../plugin/gui/settings_dialog.py" line="240"/>
        <source>Sentinel Hub {id}</source>
        <translation>Sentinel Hub {id}</translation>
    </message>
    <message>
        <location filename="../plugin/gui/settings_dialog.py" line="246"/>
        <source>S3 {key}</source>
        <translation>S3 {key}</translation>
    </message>
    <message>
        <location filename="../plugin/gui/settings_dialog.py" line="257"/>
        <source>Not saved</source>
        <translation>Nicht gespeichert</translation>
    </message>
    <message>
        <location filename="../plugin/gui/settings_dialog.py" line="274"/>
        <source>Testing {url}…</source>
        <translation>{url} wird getestet…</translation>
    </message>
    <message>
        <location filename="../plugin/gui/settings_dialog.py" line="279"/>
        <source>The connection test</source>
        <translation>Verbindungstest</translation>
    </message>
    <message>
        <location filename="../plugin/gui/settings_dialog.py" line="287"/>
        <source>Sentinel Hub Batch: connection test</source>
        <translation>Sentinel Hub Batch: Verbindungstest</translation>
    </message>
    <message>
        <location filename="../plugin/gui/start_dialog.py" line="51"/>
        <source>Start processing</source>
        <translation>Verarbeitung starten</translation>
    </message>
    <message>
        <location filename="../plugin/gui/start_dialog.py" line="67"/>
        <source>Start processing batch request {id}?</source>
        <translation>Verarbeitung der Batch-Anfrage {id} starten?</translation>
    </message>
    <message>
        <location filename="../plugin/gui/start_dialog.py" line="83"/>
        <source>{cost} PU</source>
        <translation>{cost} PU</translation>
    </message>
    <message>
        <location filename="../plugin/plugin.py" line="74"/>
        <source>Sentinel Hub Batch cannot start: Python packages are missing</source>
        <translation>Sentinel Hub Batch kann nicht starten: Python-Pakete fehlen</translation>
    </message>
    <message>
        <location filename="../plugin/plugin.py" line="86"/>
        <source>Show or hide the Sentinel Hub Batch panel for a new job</source>
        <translation>Sentinel-Hub-Batch-Bedienfeld für einen neuen Auftrag ein- oder ausblenden</translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/list_jobs.py" line="66"/>
        <source>Batch jobs</source>
        <translation>Batch-Aufträge</translation>
    </message>
    <message>
        <location filename="../plugin/plugin.py" line="98"/>
        <source>Show or hide the panel of batch jobs</source>
        <translation>Bedienfeld der Batch-Aufträge ein- oder ausblenden</translation>
    </message>
    <message>
        <location filename="../plugin/plugin.py" line="103"/>
        <source>Connection settings…</source>
        <translation>Verbindungseinstellungen…</translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/analyse_job.py" line="15"/>
        <source>Analyse batch job</source>
        <translation>Batch-Auftrag analysieren</translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/analyse_job.py" line="18"/>
        <source>Asks Sentinel Hub to analyse a created job: it computes the tiles and writes the feature manifest to the bucket, without processing (nothing is charged yet). Then look at the tiles with &apos;Tile status&apos; and start it with &apos;Start batch job&apos;.</source>
        <translation>Lässt Sentinel Hub einen erstellten Auftrag analysieren: Der Dienst berechnet die Kacheln und schreibt das Feature-Manifest in den Bucket, ohne etwas zu verarbeiten (es fallen noch keine Kosten an). Sehen Sie sich danach die Kacheln mit „Kachelstatus“ an und starten Sie den Auftrag mit „Batch-Auftrag starten“.</translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/base.py" line="95"/>
        <source>Planning</source>
        <translation>Planung</translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/base.py" line="95"/>
        <source>Results</source>
        <translation>Ergebnisse</translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/base.py" line="119"/>
        <source>The Python package &apos;{name}&apos; that Sentinel Hub Batch needs is not installed in this QGIS. Install it (e.g. pip install {name} in the Python of QGIS, or the python3-{name} package) and try again.</source>
        <translation>Das Python-Paket „{name}“, das Sentinel Hub Batch benötigt, ist in diesem QGIS nicht installiert. Installieren Sie es (z. B. mit pip install {name} im Python von QGIS oder als Paket python3-{name}) und versuchen Sie es erneut.</translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/base.py" line="134"/>
        <source>Sentinel Hub credentials (authentication config; empty: environment or settings)</source>
        <translation>Sentinel-Hub-Zugangsdaten (Authentifizierungskonfiguration; leer: Umgebung oder Einstellungen)</translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/base.py" line="137"/>
        <source>A Basic authentication configuration with the client id as username and the client secret as password. Empty: SH_CLIENT_ID/SH_CLIENT_SECRET from the environment, else the plugin&apos;s saved connection.</source>
        <translation>Eine Authentifizierungskonfiguration vom Typ Basic mit der Client-ID als Benutzername und dem Client-Secret als Passwort. Leer: SH_CLIENT_ID/SH_CLIENT_SECRET aus der Umgebung, sonst die gespeicherte Verbindung des Plugins.</translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/base.py" line="143"/>
        <source>Job id (empty: the most recent job)</source>
        <translation>Auftrags-ID (leer: der neueste Auftrag)</translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/wait_for_job.py" line="127"/>
        <source>Job id</source>
        <translation>Auftrags-ID</translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/base.py" line="160"/>
        <source>Evalscript (the script text, or the path of a .js file)</source>
        <translation>Evalscript (der Skripttext oder der Pfad einer .js-Datei)</translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/base.py" line="162"/>
        <source>Data collection</source>
        <translation>Datenkollektion</translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/base.py" line="174"/>
        <source>Maximum cloud coverage (%)</source>
        <translation>Maximale Wolkenbedeckung (%)</translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/base.py" line="179"/>
        <source>Seconds between status checks while processing</source>
        <translation>Sekunden zwischen Statusabfragen während der Verarbeitung</translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/base.py" line="195"/>
        <source>Buffer X (pixels on each side)</source>
        <translation>Puffer X (Pixel je Seite)</translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/base.py" line="195"/>
        <source>Buffer Y (pixels on each side)</source>
        <translation>Puffer Y (Pixel je Seite)</translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/base.py" line="290"/>
        <source>No S3 keys are set (AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY or the connection settings): tile statuses and results cannot be read from the bucket.</source>
        <translation>Es sind keine S3-Schlüssel gesetzt (AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY oder die Verbindungseinstellungen): Kachelstatus und Ergebnisse können nicht aus dem Bucket gelesen werden.</translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/base.py" line="302"/>
        <source>No job id was given and the account has no batch jobs yet.</source>
        <translation>Es wurde keine Auftrags-ID angegeben, und das Konto hat noch keine Batch-Aufträge.</translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/base.py" line="303"/>
        <source>No job id given: using the most recent job {id}.</source>
        <translation>Keine Auftrags-ID angegeben: Der neueste Auftrag {id} wird verwendet.</translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/base.py" line="331"/>
        <source>No evalscript was given. Pass the script text or the path of a .js file.</source>
        <translation>Es wurde kein Evalscript angegeben. Übergeben Sie den Skripttext oder den Pfad einer .js-Datei.</translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/base.py" line="336"/>
        <source>The evalscript file &apos;{path}&apos; does not exist.</source>
        <translation>Die Evalscript-Datei „{path}“ existiert nicht.</translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/base.py" line="348"/>
        <source>Cancelled. Anything already sent to Sentinel Hub (a created or started job) goes on at the service.</source>
        <translation>Abgebrochen. Was bereits an Sentinel Hub gesendet wurde (ein erstellter oder gestarteter Auftrag), läuft beim Dienst weiter.</translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/wait_for_job.py" line="128"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/start_job.py" line="44"/>
        <source>Job {id}: {status}</source>
        <translation>Auftrag {id}: {status}</translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/create_job.py" line="77"/>
        <source>Create batch job</source>
        <translation>Batch-Auftrag erstellen</translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/create_job.py" line="103"/>
        <source>Output location in S3 (s3://bucket/folder, or a path template)</source>
        <translation>Ausgabeort in S3 (s3://bucket/ordner oder eine Pfadvorlage)</translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/create_job.py" line="105"/>
        <source>Output identifiers, comma separated (empty: all outputs of the evalscript)</source>
        <translation>Ausgabe-IDs, durch Kommas getrennt (leer: alle Ausgaben des Evalscripts)</translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/create_job.py" line="107"/>
        <source>Description</source>
        <translation>Beschreibung</translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/create_job.py" line="109"/>
        <source>Mosaicking order (mostRecent, leastRecent, leastCC)</source>
        <translation>Mosaik-Reihenfolge (mostRecent, leastRecent, leastCC)</translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/create_job.py" line="111"/>
        <source>Cloud-optimised GeoTIFFs</source>
        <translation>Cloud-optimierte GeoTIFFs</translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/create_job.py" line="112"/>
        <source>Overwrite existing outputs</source>
        <translation>Vorhandene Ausgaben überschreiben</translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/create_job.py" line="113"/>
        <source>Skip tiles whose outputs exist</source>
        <translation>Kacheln mit vorhandenen Ausgaben überspringen</translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/preview_tiles.py" line="103"/>
        <source>Processing units before the batch discount</source>
        <translation>Verarbeitungseinheiten vor dem Batch-Rabatt</translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/preview_tiles.py" line="104"/>
        <source>Processing units charged</source>
        <translation>Berechnete Verarbeitungseinheiten</translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/process_area.py" line="92"/>
        <source>Invalid polygons of the area were repaired.</source>
        <translation>Ungültige Polygone des Gebiets wurden repariert.</translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/create_job.py" line="159"/>
        <source>Cancelled before the request was sent; no job was created.</source>
        <translation>Abgebrochen, bevor die Anfrage gesendet wurde; es wurde kein Auftrag erstellt.</translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/create_job.py" line="163"/>
        <source>Creating the batch job ({outputs}) at {url}…</source>
        <translation>Batch-Auftrag ({outputs}) wird bei {url} erstellt…</translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/create_job.py" line="167"/>
        <source>Job id: {id}</source>
        <translation>Auftrags-ID: {id}</translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/wait_for_job.py" line="50"/>
        <source>Status: {status}</source>
        <translation>Status: {status}</translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/create_job.py" line="169"/>
        <source>Expected cost: {pu} PU charged</source>
        <translation>Erwartete Kosten: {pu} PU berechnet</translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/list_jobs.py" line="51"/>
        <source>List batch jobs</source>
        <translation>Batch-Aufträge auflisten</translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/list_jobs.py" line="54"/>
        <source>The batch jobs of the account as a table: id, status, completion, cost, dates, description and where the outputs go. Search matches the service&apos;s free-text search (e.g. part of a description).</source>
        <translation>Die Batch-Aufträge des Kontos als Tabelle: ID, Status, Fortschritt, Kosten, Datumsangaben, Beschreibung und Ausgabeort. Die Suche verwendet die Freitextsuche des Dienstes (z. B. einen Teil einer Beschreibung).</translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/list_jobs.py" line="58"/>
        <source>Search</source>
        <translation>Suche</translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/list_jobs.py" line="59"/>
        <source>Order</source>
        <translation>Reihenfolge</translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/list_jobs.py" line="59"/>
        <source>Newest first</source>
        <translation>Neueste zuerst</translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/list_jobs.py" line="59"/>
        <source>Oldest first</source>
        <translation>Älteste zuerst</translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/list_jobs.py" line="59"/>
        <source>Status (descending)</source>
        <translation>Status (absteigend)</translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/list_jobs.py" line="62"/>
        <source>At most this many jobs (0: all)</source>
        <translation>Höchstens so viele Aufträge (0: alle)</translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/list_jobs.py" line="68"/>
        <source>Number of jobs</source>
        <translation>Anzahl der Aufträge</translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/list_jobs.py" line="90"/>
        <source>{count} job(s).</source>
        <translation>Aufträge: {count}.</translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/load_results.py" line="37"/>
        <source>{name}: {tiles} tile(s) → {path}</source>
        <translation>{name}: {tiles} Kachel(n) → {path}</translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/load_results.py" line="43"/>
        <source>The mosaics read the tiles from S3 (/vsis3/); QGIS needs the S3 keys of the connection to display them in a later session. Use &apos;Download&apos; for local copies.</source>
        <translation>Die Mosaike lesen die Kacheln aus S3 (/vsis3/); QGIS braucht die S3-Schlüssel der Verbindung, um sie in einer späteren Sitzung anzuzeigen. Für lokale Kopien wählen Sie „Kacheln herunterladen“.</translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/load_results.py" line="58"/>
        <source>Load results</source>
        <translation>Ergebnisse laden</translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/load_results.py" line="70"/>
        <source>Download the tiles (local copies)</source>
        <translation>Kacheln herunterladen (lokale Kopien)</translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/run_job.py" line="50"/>
        <source>Folder for the mosaics</source>
        <translation>Ordner für die Mosaike</translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/run_job.py" line="54"/>
        <source>Result layers</source>
        <translation>Ergebnislayer</translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/run_job.py" line="55"/>
        <source>Number of mosaics</source>
        <translation>Anzahl der Mosaike</translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/preview_tiles.py" line="71"/>
        <source>Tiles: {count} ({crs})</source>
        <translation>Kacheln: {count} ({crs})</translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/preview_tiles.py" line="72"/>
        <source>Estimate before the batch discount: {pu} PU</source>
        <translation>Schätzung vor dem Batch-Rabatt: {pu} PU</translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/preview_tiles.py" line="73"/>
        <source>Charged (one third): {pu} PU</source>
        <translation>Berechnet (ein Drittel): {pu} PU</translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/preview_tiles.py" line="75"/>
        <source>Billed: {pu} PU (the minimum per request)</source>
        <translation>Abgerechnet: {pu} PU (das Minimum je Anfrage)</translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/preview_tiles.py" line="85"/>
        <source>Preview tiles and cost</source>
        <translation>Kacheln und Kosten vorab berechnen</translation>
    </message>
    <message>
        <location filename="../plugin/services/preview.py" line="450"/>
        <source>Tiles</source>
        <translation>Kacheln</translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/tile_status.py" line="54"/>
        <source>Number of tiles</source>
        <translation>Anzahl der Kacheln</translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/preview_tiles.py" line="105"/>
        <source>Processing units billed (with the minimum)</source>
        <translation>Abgerechnete Verarbeitungseinheiten (mit Minimum)</translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/process_area.py" line="54"/>
        <source>Process an area now (Process API)</source>
        <translation>Gebiet sofort verarbeiten (Process API)</translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/process_area.py" line="67"/>
        <source>Selected features only</source>
        <translation>Nur gewählte Objekte</translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/process_area.py" line="69"/>
        <source>Resolution in metres (used unless width and height are given)</source>
        <translation>Auflösung in Metern (gilt, wenn Breite und Höhe nicht angegeben sind)</translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/process_area.py" line="72"/>
        <source>Width in pixels (0: from the resolution)</source>
        <translation>Breite in Pixeln (0: aus der Auflösung)</translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/process_area.py" line="75"/>
        <source>Height in pixels (0: from the resolution)</source>
        <translation>Höhe in Pixeln (0: aus der Auflösung)</translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/process_area.py" line="79"/>
        <source>Outputs (comma-separated ids of setup(); empty: all, as GeoTIFF)</source>
        <translation>Ausgaben (durch Kommas getrennte IDs aus setup(); leer: alle, als GeoTIFF)</translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/process_area.py" line="83"/>
        <source>Output folder</source>
        <translation>Ausgabeverzeichnis</translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/process_area.py" line="84"/>
        <source>Output files</source>
        <translation>Ausgabedateien</translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/process_area.py" line="85"/>
        <source>Processing units spent</source>
        <translation>Verbrauchte Verarbeitungseinheiten</translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/process_area.py" line="109"/>
        <source>Give a resolution in metres, or a width and a height in pixels.</source>
        <translation>Geben Sie eine Auflösung in Metern oder eine Breite und eine Höhe in Pixeln an.</translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/process_area.py" line="124"/>
        <source>Wrote {path}</source>
        <translation>{path} geschrieben</translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/process_area.py" line="126"/>
        <source>The service did not report the processing units spent.</source>
        <translation>Der Dienst hat die verbrauchten Verarbeitungseinheiten nicht gemeldet.</translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/process_area.py" line="128"/>
        <source>Processing units spent: {pu:.4g}</source>
        <translation>Verbrauchte Verarbeitungseinheiten: {pu:.4g}</translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/retry_failed_tiles.py" line="48"/>
        <source>Tile names, comma separated (empty: the failed tiles)</source>
        <translation>Kachelnamen, durch Kommas getrennt (leer: die fehlgeschlagenen Kacheln)</translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/retry_failed_tiles.py" line="50"/>
        <source>Start the new job</source>
        <translation>Neuen Auftrag starten</translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/retry_failed_tiles.py" line="53"/>
        <source>Id of the new job</source>
        <translation>ID des neuen Auftrags</translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/retry_failed_tiles.py" line="54"/>
        <source>Status of the new job</source>
        <translation>Status des neuen Auftrags</translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/retry_failed_tiles.py" line="55"/>
        <source>Id of the original job</source>
        <translation>ID des ursprünglichen Auftrags</translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/retry_failed_tiles.py" line="56"/>
        <source>Number of tiles re-run</source>
        <translation>Anzahl der neu verarbeiteten Kacheln</translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/retry_failed_tiles.py" line="69"/>
        <source>Failed tiles: {names}</source>
        <translation>Fehlgeschlagene Kacheln: {names}</translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/run_job.py" line="34"/>
        <source>Run batch job</source>
        <translation>Batch-Auftrag ausführen</translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/run_job.py" line="48"/>
        <source>Download the result tiles</source>
        <translation>Ergebniskacheln herunterladen</translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/tile_status.py" line="80"/>
        <source>Tile status</source>
        <translation>Kachelstatus</translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/wait_for_job.py" line="130"/>
        <source>Cost (PU)</source>
        <translation>Kosten (PU)</translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/create_job.py" line="138"/>
        <source>Started job {id}.</source>
        <translation>Auftrag {id} gestartet.</translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/start_job.py" line="24"/>
        <source>Start batch job</source>
        <translation>Batch-Auftrag starten</translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/stop_job.py" line="15"/>
        <source>Stop batch job</source>
        <translation>Batch-Auftrag anhalten</translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/stop_job.py" line="18"/>
        <source>Stops a job while it is analysed (the analysis still completes) or processed. Tiles already processed stay in the bucket. The service may refuse to restart a job for 30 minutes after a stop.</source>
        <translation>Hält einen Auftrag während der Analyse (die Analyse wird trotzdem abgeschlossen) oder der Verarbeitung an. Bereits verarbeitete Kacheln bleiben im Bucket. Der Dienst kann einen Neustart bis zu 30 Minuten nach dem Anhalten ablehnen.</translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/tile_status.py" line="56"/>
        <source>Tiles: {label}</source>
        <translation>Kacheln: {label}</translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/tile_status.py" line="72"/>
        <source>A job&apos;s tiles as a polygon layer with the status of each tile (waiting, processing, done, no data, failed) and its error, coloured by status. The tiles and statuses come from the feature manifest and execution database the service writes to your bucket (S3 keys needed); before the job is analysed, the tiles are computed locally from the request.</source>
        <translation>Die Kacheln eines Auftrags als Polygonlayer mit dem Status jeder Kachel (wartend, laufend, fertig, keine Daten, fehlgeschlagen) und ihrem Fehler, nach Status eingefärbt. Kacheln und Status stammen aus dem Feature-Manifest und der Ausführungsdatenbank, die der Dienst in Ihren Bucket schreibt (S3-Schlüssel nötig); bevor der Auftrag analysiert ist, werden die Kacheln lokal aus der Anfrage berechnet.</translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/tile_status.py" line="82"/>
        <source>Job status</source>
        <translation>Auftragsstatus</translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/tile_status.py" line="104"/>
        <source>The job&apos;s files could not be read from the bucket: {problem}</source>
        <translation>Die Dateien des Auftrags konnten nicht aus dem Bucket gelesen werden: {problem}</translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/tile_status.py" line="112"/>
        <source>No feature manifest yet (the job is {status}): tiles computed from the request.</source>
        <translation>Noch kein Feature-Manifest (der Auftrag ist {status}): Kacheln aus der Anfrage berechnet.</translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/tile_status.py" line="117"/>
        <source>No tiles to show yet: {reason}</source>
        <translation>Noch keine Kacheln anzuzeigen: {reason}</translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/tile_status.py" line="135"/>
        <source>Job {id} ({status}): {count} tiles — {summary}</source>
        <translation>Auftrag {id} ({status}): {count} Kacheln — {summary}</translation>
    </message>
    <message>
        <location filename="../plugin/services/features.py" line="79"/>
        <source>none</source>
        <translation>keine</translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/wait_for_job.py" line="60"/>
        <source>Processing: {percent:.0f}%</source>
        <translation>Verarbeitung: {percent:.0f} %</translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/wait_for_job.py" line="64"/>
        <source>Tiles: {counts}</source>
        <translation>Kacheln: {counts}</translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/wait_for_job.py" line="95"/>
        <source>Waiting for job {id} (cancel to stop waiting; the job goes on)…</source>
        <translation>Warten auf Auftrag {id} (Abbrechen beendet nur das Warten; der Auftrag läuft weiter)…</translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/wait_for_job.py" line="99"/>
        <source>Job {id} failed: {error}</source>
        <translation>Auftrag {id} ist fehlgeschlagen: {error}</translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/wait_for_job.py" line="99"/>
        <source>the service gave no reason</source>
        <translation>der Dienst hat keinen Grund genannt</translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/wait_for_job.py" line="102"/>
        <source>Job {id} is done; cost {pu} PU.</source>
        <translation>Auftrag {id} ist fertig; Kosten {pu} PU.</translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/wait_for_job.py" line="104"/>
        <source>Job {id} stopped: {why}</source>
        <translation>Auftrag {id} angehalten: {why}</translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/wait_for_job.py" line="106"/>
        <source>Job {id} is {status} and waits for you: start it to go on.</source>
        <translation>Auftrag {id} ist {status} und wartet auf Sie: Starten Sie ihn, damit es weitergeht.</translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/wait_for_job.py" line="115"/>
        <source>Wait for batch job</source>
        <translation>Auf Batch-Auftrag warten</translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/wait_for_job.py" line="118"/>
        <source>Follows a job until it is done or failed, showing its status, progress and (with S3 keys) how many tiles are done. It also returns when the job waits for you (created, analysed or stopped), instead of waiting forever. Cancelling stops the waiting only: the job goes on at the service. A failed job makes the algorithm fail with the service&apos;s error.</source>
        <translation>Verfolgt einen Auftrag, bis er fertig oder fehlgeschlagen ist, und zeigt Status, Fortschritt und (mit S3-Schlüsseln) die Zahl der fertigen Kacheln. Der Algorithmus endet auch, wenn der Auftrag auf Sie wartet (erstellt, analysiert oder angehalten), statt endlos zu warten. Abbrechen beendet nur das Warten: Der Auftrag läuft beim Dienst weiter. Ein fehlgeschlagener Auftrag lässt den Algorithmus mit dem Fehler des Dienstes fehlschlagen.</translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/wait_for_job.py" line="129"/>
        <source>Completion (%)</source>
        <translation>Fortschritt (%)</translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/wait_for_job.py" line="131"/>
        <source>Tiles done</source>
        <translation>Fertige Kacheln</translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/wait_for_job.py" line="132"/>
        <source>Tiles failed</source>
        <translation>Fehlgeschlagene Kacheln</translation>
    </message>
    <message>
        <location filename="../plugin/services/area.py" line="58"/>
        <source>selected</source>
        <translation>gewählt</translation>
    </message>
    <message>
        <location filename="../plugin/services/area.py" line="58"/>
        <source>all</source>
        <translation>alle</translation>
    </message>
    <message>
        <location filename="../plugin/services/area.py" line="59"/>
        <source>{layer}: {count} feature(s) ({which}), {crs}</source>
        <translation>{layer}: {count} Objekt(e) ({which}), {crs}</translation>
    </message>
    <message>
        <location filename="../plugin/services/area.py" line="62"/>
        <source> (reprojected from {crs})</source>
        <translation> (reprojiziert aus {crs})</translation>
    </message>
    <message>
        <location filename="../plugin/services/area.py" line="64"/>
        <source>; invalid polygons were repaired</source>
        <translation>; ungültige Polygone wurden repariert</translation>
    </message>
    <message>
        <location filename="../plugin/services/area.py" line="74"/>
        <source>&apos;{name}&apos; is not a vector layer. Select a polygon layer in the Layers panel.</source>
        <translation>„{name}“ ist kein Vektorlayer. Wählen Sie im Layerfenster einen Polygonlayer.</translation>
    </message>
    <message>
        <location filename="../plugin/services/area.py" line="77"/>
        <source>The layer &apos;{name}&apos; could not be read (its data source is missing or broken).</source>
        <translation>Der Layer „{name}“ konnte nicht gelesen werden (seine Datenquelle fehlt oder ist beschädigt).</translation>
    </message>
    <message>
        <location filename="../plugin/services/area.py" line="81"/>
        <source>&apos;{name}&apos; is a {kind} layer, but the area must be polygons. Select a polygon layer (or buffer the features into polygons first).</source>
        <translation>„{name}“ hat den Geometrietyp {kind}, das Gebiet muss aber aus Polygonen bestehen. Wählen Sie einen Polygonlayer (oder puffern Sie die Objekte zuerst zu Polygonen).</translation>
    </message>
    <message>
        <location filename="../plugin/services/area.py" line="84"/>
        <source>No features of &apos;{name}&apos; are selected. Select the polygons to process, or untick &apos;Selected features only&apos;.</source>
        <translation>In „{name}“ sind keine Objekte gewählt. Wählen Sie die zu verarbeitenden Polygone oder deaktivieren Sie „Nur gewählte Objekte“.</translation>
    </message>
    <message>
        <location filename="../plugin/services/area.py" line="108"/>
        <source>Feature {fid} of '{name}' cannot be used: {reason} Fix it (Processing → Fix geometries) or leave it out of the selection.</source>
        <translation>Objekt {fid} von „{name}“ kann nicht verwendet werden: {reason} Reparieren Sie es (Verarbeitung → Geometrien reparieren) oder lassen Sie es aus der Auswahl weg.</translation>
    </message>
    <message>
        <location filename="../plugin/services/features.py" line="108"/>
        <source>The layer &apos;{name}&apos; has no features. Draw or load at least one polygon.</source>
        <translation>Der Layer „{name}“ hat keine Objekte. Zeichnen oder laden Sie mindestens ein Polygon.</translation>
    </message>
    <message>
        <location filename="../plugin/services/area.py" line="117"/>
        <source>The features of &apos;{name}&apos; have no geometry. Draw or load at least one polygon.</source>
        <translation>Die Objekte von „{name}“ haben keine Geometrie. Zeichnen oder laden Sie mindestens ein Polygon.</translation>
    </message>
    <message>
        <location filename="../plugin/services/area.py" line="127"/>
        <source>The layer '{name}' has no coordinate reference system. Set it in the layer properties (Source → Assigned CRS).</source>
        <translation>Der Layer „{name}“ hat kein Koordinatenbezugssystem. Legen Sie es in den Layereigenschaften fest (Quelle → Zugewiesenes KBS).</translation>
    </message>
    <message>
        <location filename="../plugin/services/area.py" line="132"/>
        <source>a custom CRS</source>
        <translation>ein benutzerdefiniertes KBS</translation>
    </message>
    <message>
        <location filename="../plugin/services/connection.py" line="314"/>
        <source>No connection is set up. Open the connection settings and choose the client credentials.</source>
        <translation>Es ist keine Verbindung eingerichtet. Öffnen Sie die Verbindungseinstellungen und wählen Sie die Client-Zugangsdaten.</translation>
    </message>
    <message>
        <location filename="../plugin/services/evalscript_presets.py" line="38"/>
        <source>Temporal interpolation of NDVI (tutorial)</source>
        <translation>Zeitliche Interpolation des NDVI (Tutorial)</translation>
    </message>
    <message>
        <location filename="../plugin/services/evalscript_presets.py" line="38"/>
        <source>The batch tutorial&apos;s script: NDVI every 7 days in July 2020, interpolated over cloudy days (outputs NDVI and data_mask, ORBIT mosaicking).</source>
        <translation>Das Skript des Batch-Tutorials: NDVI alle 7 Tage im Juli 2020, über bewölkte Tage interpoliert (Ausgaben NDVI und data_mask, Mosaikbildung ORBIT).</translation>
    </message>
    <message>
        <location filename="../plugin/services/evalscript_presets.py" line="38"/>
        <source>True colour</source>
        <translation>Echtfarben</translation>
    </message>
    <message>
        <location filename="../plugin/services/evalscript_presets.py" line="38"/>
        <source>Sentinel-2 red, green, blue as 8-bit RGB plus a transparency band (output &apos;default&apos;).</source>
        <translation>Sentinel-2 Rot, Grün, Blau als 8-Bit-RGB mit einem Transparenzkanal (Ausgabe „default“).</translation>
    </message>
    <message>
        <location filename="../plugin/services/evalscript_presets.py" line="38"/>
        <source>NDVI</source>
        <translation>NDVI</translation>
    </message>
    <message>
        <location filename="../plugin/services/evalscript_presets.py" line="38"/>
        <source>Normalised difference vegetation index as 32-bit float, plus a data mask.</source>
        <translation>Normierter differenzierter Vegetationsindex als 32-Bit-Gleitkommazahl, dazu eine Datenmaske.</translation>
    </message>
    <message>
        <location filename="../plugin/services/evalscript_presets.py" line="51"/>
        <source>There is no evalscript preset &apos;{key}&apos;; known: {known}.</source>
        <translation>Es gibt keine Evalscript-Vorlage „{key}“; bekannt sind: {known}.</translation>
    </message>
    <message>
        <location filename="../plugin/services/evalscript_presets.py" line="61"/>
        <source>&apos;{name}&apos; is larger than 1 MB; that is not an evalscript.</source>
        <translation>„{name}“ ist größer als 1 MB; das ist kein Evalscript.</translation>
    </message>
    <message>
        <location filename="../plugin/services/evalscript_presets.py" line="65"/>
        <source>&apos;{name}&apos; is not a text file (it is not UTF-8). Choose a .js evalscript.</source>
        <translation>„{name}“ ist keine Textdatei (kein UTF-8). Wählen Sie ein Evalscript (.js).</translation>
    </message>
    <message>
        <location filename="../plugin/services/evalscript_presets.py" line="68"/>
        <source>&apos;{path}&apos; could not be read ({reason}).</source>
        <translation>„{path}“ konnte nicht gelesen werden ({reason}).</translation>
    </message>
    <message>
        <location filename="../plugin/services/evalscript_presets.py" line="77"/>
        <source>The evalscript could not be saved to &apos;{path}&apos; ({reason}). Choose a folder you can write to.</source>
        <translation>Das Evalscript konnte nicht unter „{path}“ gespeichert werden ({reason}). Wählen Sie einen Ordner, in den Sie schreiben dürfen.</translation>
    </message>
    <message>
        <location filename="../plugin/services/layers.py" line="70"/>
        <source>Waiting</source>
        <translation>Wartend</translation>
    </message>
    <message>
        <location filename="../plugin/services/layers.py" line="71"/>
        <source>Processing</source>
        <translation>Laufend</translation>
    </message>
    <message>
        <location filename="../plugin/services/layers.py" line="72"/>
        <source>Done</source>
        <translation>Fertig</translation>
    </message>
    <message>
        <location filename="../plugin/services/results.py" line="623"/>
        <source>No data</source>
        <translation>Keine Daten</translation>
    </message>
    <message>
        <location filename="../plugin/services/layers.py" line="74"/>
        <source>Failed</source>
        <translation>Fehlgeschlagen</translation>
    </message>
    <message>
        <location filename="../plugin/services/layers.py" line="539"/>
        <source>Tiles {id} – {description}</source>
        <translation>Kacheln {id} – {description}</translation>
    </message>
    <message>
        <location filename="../plugin/services/layers.py" line="540"/>
        <source>Tiles {id}</source>
        <translation>Kacheln {id}</translation>
    </message>
    <message>
        <location filename="../plugin/services/messages.py" line="26"/>
        <source>the service</source>
        <translation>der Dienst</translation>
    </message>
    <message>
        <location filename="../plugin/services/messages.py" line="27"/>
        <source>{what} failed: {reason}</source>
        <translation>{what} fehlgeschlagen: {reason}</translation>
    </message>
    <message>
        <location filename="../plugin/services/messages.py" line="32"/>
        <source>Sentinel Hub refused the client id or secret (a wrong or expired secret, or a deleted OAuth client). Check the credentials in the connection settings.</source>
        <translation>Sentinel Hub hat die Client-ID oder das Client-Secret abgelehnt (ein falsches oder abgelaufenes Secret oder ein gelöschter OAuth-Client). Prüfen Sie die Zugangsdaten in den Verbindungseinstellungen.</translation>
    </message>
    <message>
        <location filename="../plugin/services/messages.py" line="35"/>
        <source>Sentinel Hub refused it{code}: {message}</source>
        <translation>Sentinel Hub hat abgelehnt{code}: {message}</translation>
    </message>
    <message>
        <location filename="../plugin/services/messages.py" line="38"/>
        <source>. The credentials work, but this account may not do this: Batch Processing needs an account with batch access; check the plan or the deployment.</source>
        <translation>. Die Zugangsdaten funktionieren, aber dieses Konto darf das nicht: Batch Processing braucht ein Konto mit Batch-Zugriff; prüfen Sie den Tarif oder die Bereitstellung.</translation>
    </message>
    <message>
        <location filename="../plugin/services/messages.py" line="41"/>
        <source>. Check the job id, the deployment and the base URL ({where}).</source>
        <translation>. Prüfen Sie die Auftrags-ID, die Bereitstellung und die Basis-URL ({where}).</translation>
    </message>
    <message>
        <location filename="../plugin/services/messages.py" line="43"/>
        <source>. The service is busy or unavailable; try again in a few minutes.</source>
        <translation>. Der Dienst ist ausgelastet oder nicht verfügbar; versuchen Sie es in einigen Minuten erneut.</translation>
    </message>
    <message>
        <location filename="../plugin/services/messages.py" line="46"/>
        <source>{where} could not be reached (no answer). Check the URL, the network and the proxy settings of QGIS, then try again.</source>
        <translation>{where} war nicht erreichbar (keine Antwort). Prüfen Sie die URL, das Netzwerk und die Proxy-Einstellungen von QGIS und versuchen Sie es dann erneut.</translation>
    </message>
    <message>
        <location filename="../plugin/services/messages.py" line="50"/>
        <source>Unexpected error ({kind}: {error}); details are in the message log (Sentinel Hub Batch).</source>
        <translation>Unerwarteter Fehler ({kind}: {error}); Details stehen im Protokoll (Reiter Sentinel Hub Batch).</translation>
    </message>
    <message>
        <location filename="../plugin/services/preview.py" line="144"/>
        <source>The evalscript could not be read ({error}).</source>
        <translation>Das Evalscript konnte nicht gelesen werden ({error}).</translation>
    </message>
    <message>
        <location filename="../plugin/services/preview.py" line="170"/>
        <source>The tiles could not be computed ({error}).</source>
        <translation>Die Kacheln konnten nicht berechnet werden ({error}).</translation>
    </message>
    <message>
        <location filename="../plugin/services/preview.py" line="186"/>
        <source>The cost could not be estimated ({error}).</source>
        <translation>Die Kosten konnten nicht geschätzt werden ({error}).</translation>
    </message>
    <message>
        <location filename="../plugin/services/preview.py" line="223"/>
        <source>The job has no area.</source>
        <translation>Der Auftrag hat kein Gebiet.</translation>
    </message>
    <message>
        <location filename="../plugin/services/preview.py" line="234"/>
        <source>{charged} PU charged (estimate {estimate} PU before the batch discount)</source>
        <translation>{charged} PU berechnet (Schätzung {estimate} PU vor dem Batch-Rabatt)</translation>
    </message>
    <message>
        <location filename="../plugin/services/preview.py" line="237"/>
        <source>; billed {billed} PU (the minimum per request)</source>
        <translation>; abgerechnet {billed} PU (das Minimum je Anfrage)</translation>
    </message>
    <message>
        <location filename="../plugin/services/preview.py" line="303"/>
        <source>Sentinel Hub Batch: tile preview</source>
        <translation>Sentinel Hub Batch: Kachelvorschau</translation>
    </message>
    <message>
        <location filename="../plugin/services/preview.py" line="353"/>
        <source>Batch job tiles (preview)</source>
        <translation>Kacheln des Batch-Auftrags (Vorschau)</translation>
    </message>
    <message>
        <location filename="../plugin/services/results.py" line="624"/>
        <source>Data</source>
        <translation>Daten</translation>
    </message>
    <message>
        <location filename="../plugin/services/results.py" line="677"/>
        <source>Results {id} – {description}</source>
        <translation>Ergebnisse {id} – {description}</translation>
    </message>
    <message>
        <location filename="../plugin/services/results.py" line="678"/>
        <source>Results {id}</source>
        <translation>Ergebnisse {id}</translation>
    </message>
    <message>
        <location filename="../plugin/services/results.py" line="787"/>
        <source>Downloading {count} GeoTIFF(s) to {folder}…</source>
        <translation>{count} GeoTIFF(s) werden nach {folder} heruntergeladen…</translation>
    </message>
    <message>
        <location filename="../plugin/services/connection.py" line="259"/>
        <source>client credentials</source>
        <translation>Client-Zugangsdaten</translation>
    </message>
    <message>
        <location filename="../plugin/services/connection.py" line="263"/>
        <source>S3 keys</source>
        <translation>S3-Schlüssel</translation>
    </message>
    <message>
        <location filename="../plugin/services/connection.py" line="103"/>
        <source>No S3 access keys are set. Add them in the connection settings (stored in the QGIS authentication database) or set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY.</source>
        <translation>Es sind keine S3-Zugriffsschlüssel gesetzt. Tragen Sie sie in den Verbindungseinstellungen ein (gespeichert in der QGIS-Authentifizierungsdatenbank) oder setzen Sie AWS_ACCESS_KEY_ID und AWS_SECRET_ACCESS_KEY.</translation>
    </message>
    <message>
        <location filename="../plugin/services/connection.py" line="169"/>
        <source>No {what} are configured. Open the connection settings and choose or create an authentication configuration.</source>
        <translation>Keine {what} eingerichtet. Öffnen Sie die Verbindungseinstellungen und wählen oder erstellen Sie eine Authentifizierungskonfiguration.</translation>
    </message>
    <message>
        <location filename="../plugin/services/connection.py" line="174"/>
        <source>The authentication configuration &apos;{id}&apos; for the {what} could not be read. Check it exists and that the QGIS master password is set.</source>
        <translation>Die Authentifizierungskonfiguration „{id}“ für die {what} konnte nicht gelesen werden. Prüfen Sie, ob sie existiert und das QGIS-Hauptpasswort gesetzt ist.</translation>
    </message>
    <message>
        <location filename="../plugin/services/connection.py" line="179"/>
        <source>The authentication configuration &apos;{name}&apos; needs both a username (the id or access key) and a password (the secret).</source>
        <translation>Die Authentifizierungskonfiguration „{name}“ braucht einen Benutzernamen (die ID oder den Zugriffsschlüssel) und ein Passwort (das Secret).</translation>
    </message>
    <message>
        <location filename="../plugin/services/connection.py" line="197"/>
        <source>The credentials could not be saved in the QGIS authentication database. Set a master password (Settings → Options → Authentication) and try again.</source>
        <translation>Die Zugangsdaten konnten nicht in der QGIS-Authentifizierungsdatenbank gespeichert werden. Legen Sie ein Hauptpasswort fest (Einstellungen → Optionen → Authentifizierung) und versuchen Sie es erneut.</translation>
    </message>
    <message>
        <location filename="../plugin/services/connection.py" line="291"/>
        <source>SH_CLIENT_ID is set but SH_CLIENT_SECRET is not.</source>
        <translation>SH_CLIENT_ID ist gesetzt, SH_CLIENT_SECRET aber nicht.</translation>
    </message>
    <message>
        <location filename="../plugin/services/layers.py" line="242"/>
        <source>its tiles come from a GeoPackage; they are drawn after the analysis.</source>
        <translation>seine Kacheln stammen aus einem GeoPackage; sie werden nach der Analyse gezeichnet.</translation>
    </message>
    <message>
        <location filename="../plugin/services/layers.py" line="244"/>
        <source>the request names no tiling grid.</source>
        <translation>die Anfrage nennt kein Kachelgitter.</translation>
    </message>
    <message>
        <location filename="../plugin/services/layers.py" line="252"/>
        <source>the request has no area.</source>
        <translation>die Anfrage hat kein Gebiet.</translation>
    </message>
    <message>
        <location filename="../plugin/services/results.py" line="147"/>
        <source>Job {id} has no feature manifest at {url} yet: results can be loaded once the job has been analysed and tiles are done.</source>
        <translation>Auftrag {id} hat noch kein Feature-Manifest unter {url}: Ergebnisse lassen sich laden, sobald der Auftrag analysiert ist und Kacheln fertig sind.</translation>
    </message>
    <message>
        <location filename="../plugin/services/results.py" line="364"/>
        <source>Job {id} has no finished GeoTIFF outputs to load yet (no tile is done, or the outputs are in another format).</source>
        <translation>Auftrag {id} hat noch keine fertigen GeoTIFF-Ausgaben zum Laden (keine Kachel ist fertig, oder die Ausgaben haben ein anderes Format).</translation>
    </message>
    <message>
        <location filename="../plugin/services/results.py" line="713"/>
        <source>QGIS could not open the mosaic {path} of output &apos;{output}&apos;: {error}</source>
        <translation>QGIS konnte das Mosaik {path} der Ausgabe „{output}“ nicht öffnen: {error}</translation>
    </message>
    <message>
        <location filename="../plugin/gui/jobs_dock.py" line="512"/>
        <source>Status only: the job delivers to Google Cloud Storage, which the plugin cannot read, so its tiles and results are not shown here.</source>
        <translation>Nur Status: Der Auftrag liefert nach Google Cloud Storage, das das Plugin nicht lesen kann; seine Kacheln und Ergebnisse werden hier daher nicht angezeigt.</translation>
    </message>
    <message>
        <location filename="../plugin/gui/jobs_dock.py" line="552"/>
        <source>The job delivers to Google Cloud Storage, which the plugin cannot read.</source>
        <translation>Der Auftrag liefert nach Google Cloud Storage, das das Plugin nicht lesen kann.</translation>
    </message>
    <message>
        <location filename="../plugin/gui/jobs_dock.py" line="553"/>
        <source>A Zarr output is one array per output: it is read from the bucket, and its tiles cannot be re-run into it (the service refuses a folder that holds files).</source>
        <translation>Eine Zarr-Ausgabe ist ein Array je Ausgabe: Sie wird aus dem Bucket gelesen, und ihre Kacheln können nicht neu in sie geschrieben werden (der Dienst lehnt einen Ordner ab, der bereits Dateien enthält).</translation>
    </message>
    <message>
        <location filename="../plugin/gui/new_job_dock.py" line="825"/>
        <source>Choose the polygon layer of your tiles.</source>
        <translation>Wählen Sie den Polygonlayer Ihrer Kacheln.</translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/base.py" line="188"/>
        <source>Tiling grid</source>
        <translation>Kachelgitter</translation>
    </message>
    <message>
        <location filename="../plugin/gui/new_job_dock.py" line="213"/>
        <source>My polygons</source>
        <translation>Meine Polygone</translation>
    </message>
    <message>
        <location filename="../plugin/gui/new_job_dock.py" line="218"/>
        <source>GeoTIFF files</source>
        <translation>GeoTIFF-Dateien</translation>
    </message>
    <message>
        <location filename="../plugin/gui/new_job_dock.py" line="218"/>
        <source>Zarr</source>
        <translation>Zarr</translation>
    </message>
    <message>
        <location filename="../plugin/gui/new_job_dock.py" line="225"/>
        <source>Service default</source>
        <translation>Vorgabe des Dienstes</translation>
    </message>
    <message>
        <location filename="../plugin/gui/new_job_dock.py" line="225"/>
        <source>Yes</source>
        <translation>Ja</translation>
    </message>
    <message>
        <location filename="../plugin/gui/new_job_dock.py" line="225"/>
        <source>No</source>
        <translation>Nein</translation>
    </message>
    <message>
        <location filename="../plugin/gui/new_job_dock.py" line="227"/>
        <source>No ingestion</source>
        <translation>Kein Import</translation>
    </message>
    <message>
        <location filename="../plugin/gui/new_job_dock.py" line="227"/>
        <source>A new collection</source>
        <translation>Eine neue Kollektion</translation>
    </message>
    <message>
        <location filename="../plugin/gui/new_job_dock.py" line="227"/>
        <source>An existing collection</source>
        <translation>Eine vorhandene Kollektion</translation>
    </message>
    <message>
        <location filename="../plugin/gui/new_job_dock.py" line="318"/>
        <source>Zarr output needs your polygons in EPSG:4326 or EPSG:3035 (those of the WGS84 and LAEA grids); &apos;{layer}&apos; is in EPSG:{epsg}. Save it in one of them, or write GeoTIFF files.</source>
        <translation>Eine Zarr-Ausgabe braucht Ihre Polygone in EPSG:4326 oder EPSG:3035 (denen der WGS84- und LAEA-Gitter); „{layer}“ ist in EPSG:{epsg}. Speichern Sie den Layer in einem davon oder schreiben Sie GeoTIFF-Dateien.</translation>
    </message>
    <message>
        <location filename="../plugin/gui/new_job_dock.py" line="324"/>
        <source>Zarr output works only with the WGS84 and LAEA grids (3, 6, 7) or your own polygons, not with the {grid}. Choose one of those, or GeoTIFF files.</source>
        <translation>Eine Zarr-Ausgabe geht nur mit den WGS84- und LAEA-Gittern (3, 6, 7) oder Ihren eigenen Polygonen, nicht mit „{grid}“. Wählen Sie eines davon oder GeoTIFF-Dateien.</translation>
    </message>
    <message>
        <location filename="../plugin/gui/new_job_dock.py" line="337"/>
        <source>Enter the ARN of the IAM role the service may assume to write to the bucket.</source>
        <translation>Geben Sie den ARN der IAM-Rolle ein, die der Dienst übernehmen darf, um in den Bucket zu schreiben.</translation>
    </message>
    <message>
        <location filename="../plugin/gui/new_job_dock.py" line="339"/>
        <source>The plugin cannot read Google Cloud Storage: the job&apos;s status is followed, but not its tiles or results.</source>
        <translation>Das Plugin kann Google Cloud Storage nicht lesen: Der Status des Auftrags wird verfolgt, seine Kacheln und Ergebnisse aber nicht.</translation>
    </message>
    <message>
        <location filename="../plugin/gui/new_job_dock.py" line="342"/>
        <source>Choose or import the service-account key of the bucket.</source>
        <translation>Wählen oder importieren Sie den Dienstkontoschlüssel des Buckets.</translation>
    </message>
    <message>
        <location filename="../plugin/gui/new_job_dock.py" line="352"/>
        <source>GeoTIFF output only; a Zarr output must go to an empty folder.</source>
        <translation>Nur für GeoTIFF-Ausgaben; eine Zarr-Ausgabe muss in einen leeren Ordner gehen.</translation>
    </message>
    <message>
        <location filename="../plugin/services/connection.py" line="358"/>
        <source>Google Cloud Storage service-account key</source>
        <translation>Dienstkontoschlüssel für Google Cloud Storage</translation>
    </message>
    <message>
        <location filename="../plugin/gui/new_job_dock.py" line="395"/>
        <source>Key files (*.json);;All files (*)</source>
        <translation>Schlüsseldateien (*.json);;Alle Dateien (*)</translation>
    </message>
    <message>
        <location filename="../plugin/gui/new_job_dock.py" line="403"/>
        <source>The key file could not be read</source>
        <translation>Die Schlüsseldatei konnte nicht gelesen werden</translation>
    </message>
    <message>
        <location filename="../plugin/gui/new_job_dock.py" line="406"/>
        <source>Not a service-account key</source>
        <translation>Kein Dienstkontoschlüssel</translation>
    </message>
    <message>
        <location filename="../plugin/gui/new_job_dock.py" line="484"/>
        <source>{dtype} (lossless)</source>
        <translation>{dtype} (verlustfrei)</translation>
    </message>
    <message>
        <location filename="../plugin/gui/new_job_dock.py" line="491"/>
        <source>Stored where there is no data; empty: NaN for float arrays, 0 for integer ones.</source>
        <translation>Wird gespeichert, wo keine Daten vorliegen; leer: NaN für Gleitkomma-Arrays, 0 für Ganzzahl-Arrays.</translation>
    </message>
    <message>
        <location filename="../plugin/gui/new_job_dock.py" line="732"/>
        <source> (your polygons), up to {w} × {h} px</source>
        <translation> (Ihre Polygone), bis zu {w} × {h} px</translation>
    </message>
    <message>
        <location filename="../plugin/gui/new_job_dock.py" line="835"/>
        <source>Enter the output URL (s3://bucket/folder, or gs://bucket/folder for Google Cloud Storage).</source>
        <translation>Geben Sie die Ausgabe-URL ein (s3://bucket/ordner oder gs://bucket/ordner für Google Cloud Storage).</translation>
    </message>
    <message>
        <location filename="../plugin/gui/new_job_dock.py" line="922"/>
        <source>BYOC ingestion</source>
        <translation>BYOC-Import</translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/base.py" line="150"/>
        <source>Area (polygon layer; with own polygons as tiles it is optional and limits them)</source>
        <translation>Gebiet (Polygonlayer; mit eigenen Polygonen als Kacheln optional und schränkt diese ein)</translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/base.py" line="211"/>
        <source>The area layer could not be opened. Give a polygon layer or file (or your own polygons as tiles).</source>
        <translation>Der Gebietslayer konnte nicht geöffnet werden. Geben Sie einen Polygonlayer oder eine Datei an (oder Ihre eigenen Polygone als Kacheln).</translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/base.py" line="216"/>
        <source>Buffers apply to tiling grid tiles only; set them to 0 with your own polygons as tiles.</source>
        <translation>Puffer gelten nur für Kacheln eines Kachelgitters; setzen Sie sie bei eigenen Polygonen als Kacheln auf 0.</translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/create_job.py" line="161"/>
        <source>Uploading {count} polygon(s) to {url}…</source>
        <translation>{count} Polygon(e) werden nach {url} hochgeladen…</translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/create_job.py" line="178"/>
        <source>Output formats are given for outputs the job does not have: {names}.</source>
        <translation>Es sind Ausgabeformate für Ausgaben angegeben, die der Auftrag nicht hat: {names}.</translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/job_options.py" line="63"/>
        <source>Write access: the connection&apos;s S3 keys, an IAM role (sentinel-hub.com) or a Google Cloud Storage service-account key kept in the QGIS authentication database (sentinel-hub.com; the plugin then follows only the job&apos;s status). Output type raster (GeoTIFF, optionally COG with advanced options, TIFF or JSON per output) or zarr (grids 3, 6, 7 or own polygons in EPSG:4326/3035; dtypes, fill values, chunk and origin in the advanced options). Own polygons: a polygon layer whose features are the tiles, uploaded to the bucket as a GeoPackage; an area then only limits them. BYOC ingestion needs a bucket policy for Sentinel Hub as well. The instance type exists on CDSE only.</source>
        <translation>Schreibzugriff: die S3-Schlüssel der Verbindung, eine IAM-Rolle (sentinel-hub.com) oder ein Dienstkontoschlüssel für Google Cloud Storage aus der QGIS-Authentifizierungsdatenbank (sentinel-hub.com; das Plugin verfolgt dann nur den Status des Auftrags). Ausgabetyp raster (GeoTIFF, optional COG mit erweiterten Optionen, TIFF oder JSON je Ausgabe) oder zarr (Gitter 3, 6, 7 oder eigene Polygone in EPSG:4326/3035; dtypes, Füllwerte, Chunk und Ursprung in den erweiterten Optionen). Eigene Polygone: ein Polygonlayer, dessen Objekte die Kacheln sind, als GeoPackage in den Bucket hochgeladen; ein Gebiet schränkt sie dann nur ein. Der BYOC-Import braucht zusätzlich eine Bucket-Richtlinie für Sentinel Hub. Den Instanztyp gibt es nur bei CDSE.</translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/job_options.py" line="80"/>
        <source>Write access (access-keys: the S3 keys of the connection; iam-role; gcs-service-account: Google Cloud Storage)</source>
        <translation>Schreibzugriff (access-keys: die S3-Schlüssel der Verbindung; iam-role; gcs-service-account: Google Cloud Storage)</translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/job_options.py" line="83"/>
        <source>IAM role ARN (access iam-role; sentinel-hub.com only)</source>
        <translation>ARN der IAM-Rolle (Zugriff iam-role; nur sentinel-hub.com)</translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/job_options.py" line="85"/>
        <source>Google Cloud Storage service-account key (authentication config; access gcs-service-account)</source>
        <translation>Dienstkontoschlüssel für Google Cloud Storage (Authentifizierungskonfiguration; Zugriff gcs-service-account)</translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/job_options.py" line="88"/>
        <source>Output type (raster: GeoTIFF files; zarr: one Zarr, grids 3, 6, 7 or own polygons)</source>
        <translation>Ausgabetyp (raster: GeoTIFF-Dateien; zarr: ein Zarr, Gitter 3, 6, 7 oder eigene Polygone)</translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/job_options.py" line="90"/>
        <source>Output formats (output=image/tiff or application/json, comma separated; others image/tiff)</source>
        <translation>Ausgabeformate (Ausgabe=image/tiff oder application/json, durch Kommas getrennt; übrige image/tiff)</translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/job_options.py" line="93"/>
        <source>COG overview levels (e.g. 2, 4, 8; empty: service default)</source>
        <translation>COG-Übersichtsstufen (z. B. 2, 4, 8; leer: Vorgabe des Dienstes)</translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/job_options.py" line="95"/>
        <source>COG overview minimum size (px; 0: service default)</source>
        <translation>Mindestgröße der COG-Übersichten (px; 0: Vorgabe des Dienstes)</translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/job_options.py" line="95"/>
        <source>COG block width (px; 0: service default)</source>
        <translation>COG-Blockbreite (px; 0: Vorgabe des Dienstes)</translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/job_options.py" line="95"/>
        <source>COG block height (px; 0: service default)</source>
        <translation>COG-Blockhöhe (px; 0: Vorgabe des Dienstes)</translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/job_options.py" line="100"/>
        <source>COG overview resampling (empty: service default)</source>
        <translation>Abtastmethode der COG-Übersichten (leer: Vorgabe des Dienstes)</translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/job_options.py" line="102"/>
        <source>COG predictor (empty: service default)</source>
        <translation>COG-Prädiktor (leer: Vorgabe des Dienstes)</translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/job_options.py" line="104"/>
        <source>Zarr chunk size (px in y and x; 0: the largest divisor of the tile up to 512)</source>
        <translation>Zarr-Chunkgröße (px in y und x; 0: der größte Teiler der Kachel bis 512)</translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/job_options.py" line="107"/>
        <source>Zarr dtypes (output=dtype, comma separated; others: the lossless one for their sample type)</source>
        <translation>Zarr-dtypes (Ausgabe=dtype, durch Kommas getrennt; übrige: der verlustfreie für ihren Datentyp)</translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/job_options.py" line="110"/>
        <source>Zarr fill values (output=value or NaN, comma separated; others: NaN or 0)</source>
        <translation>Zarr-Füllwerte (Ausgabe=Wert oder NaN, durch Kommas getrennt; übrige: NaN oder 0)</translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/job_options.py" line="113"/>
        <source>Zarr coordinate origin (empty: service default)</source>
        <translation>Zarr-Koordinatenursprung (leer: Vorgabe des Dienstes)</translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/job_options.py" line="115"/>
        <source>Ingest into a BYOC collection (none, new, existing; the bucket also needs a policy for Sentinel Hub)</source>
        <translation>In eine BYOC-Kollektion importieren (none, new, existing; der Bucket braucht zusätzlich eine Richtlinie für Sentinel Hub)</translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/job_options.py" line="117"/>
        <source>BYOC collection id (BYOC existing)</source>
        <translation>ID der BYOC-Kollektion (BYOC existing)</translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/job_options.py" line="119"/>
        <source>Instance type (CDSE only; empty: service default)</source>
        <translation>Instanztyp (nur CDSE; leer: Vorgabe des Dienstes)</translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/job_options.py" line="125"/>
        <source>Own polygons as tiles, instead of the tiling grid (their CRS must be EPSG; the resolution is in its units)</source>
        <translation>Eigene Polygone als Kacheln statt des Kachelgitters (ihr KBS muss ein EPSG-KBS sein; die Auflösung ist in dessen Einheiten)</translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/job_options.py" line="128"/>
        <source>Field naming the tiles (empty: the feature id)</source>
        <translation>Feld, das die Kacheln benennt (leer: die Objekt-ID)</translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/job_options.py" line="134"/>
        <source>Where to upload the polygons (s3://bucket/…/name.gpkg; empty: s3://&lt;output bucket&gt;/sentinelhub-batch-features/…)</source>
        <translation>Wohin die Polygone hochgeladen werden (s3://bucket/…/name.gpkg; leer: s3://&lt;Ausgabe-Bucket&gt;/sentinelhub-batch-features/…)</translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/job_options.py" line="146"/>
        <source>The polygon layer of your tiles could not be opened.</source>
        <translation>Der Polygonlayer Ihrer Kacheln konnte nicht geöffnet werden.</translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/job_options.py" line="159"/>
        <source>Zarr dtypes</source>
        <translation>Zarr-dtypes</translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/job_options.py" line="159"/>
        <source>Zarr fill values</source>
        <translation>Zarr-Füllwerte</translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/job_options.py" line="183"/>
        <source>Output formats</source>
        <translation>Ausgabeformate</translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/load_results.py" line="61"/>
        <source>Loads the finished outputs of a job as raster layers: one VRT mosaic per output (and per CRS when the area spans several UTM zones), built from the feature manifest. The tiles are read from the bucket (/vsis3/) or, with &apos;Download&apos;, copied to the output folder first. A Zarr output is opened in the bucket with GDAL&apos;s Zarr driver, one layer per array. Index outputs such as NDVI get a red-yellow-green ramp. Jobs delivered to Google Cloud Storage cannot be read by the plugin.</source>
        <translation>Lädt die fertigen Ausgaben eines Auftrags als Rasterlayer: ein VRT-Mosaik je Ausgabe (und je KBS, wenn das Gebiet mehrere UTM-Zonen umfasst), erstellt aus dem Feature-Manifest. Die Kacheln werden aus dem Bucket gelesen (/vsis3/) oder mit „Kacheln herunterladen“ zuerst in das Ausgabeverzeichnis kopiert. Eine Zarr-Ausgabe wird im Bucket mit dem Zarr-Treiber von GDAL geöffnet, ein Layer je Array. Index-Ausgaben wie NDVI erhalten einen Farbverlauf Rot-Gelb-Grün. Aufträge, die nach Google Cloud Storage geliefert wurden, kann das Plugin nicht lesen.</translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/preview_tiles.py" line="93"/>
        <source>With own polygons as tiles, each polygon is one tile sized at the resolution (in its layer&apos;s CRS units), and an area keeps only the polygons it touches.</source>
        <translation>Mit eigenen Polygonen als Kacheln ist jedes Polygon eine Kachel, deren Größe sich aus der Auflösung ergibt (in den KBS-Einheiten seines Layers), und ein Gebiet behält nur die Polygone, die es berührt.</translation>
    </message>
    <message>
        <location filename="../plugin/services/batch_options.py" line="65"/>
        <source>My S3 keys (from the connection settings)</source>
        <translation>S3-Schlüssel der Verbindung</translation>
    </message>
    <message>
        <location filename="../plugin/services/batch_options.py" line="66"/>
        <source>IAM role</source>
        <translation>IAM-Rolle</translation>
    </message>
    <message>
        <location filename="../plugin/services/batch_options.py" line="73"/>
        <source>BYOC ingestion reads the results with Sentinel Hub&apos;s own account: whatever access you give above, the bucket also needs a bucket policy that lets Sentinel Hub read it (see &apos;AWS bucket settings&apos; in the BYOC documentation), or the analysis fails.</source>
        <translation>Der BYOC-Import liest die Ergebnisse mit dem eigenen Konto von Sentinel Hub: Welchen Zugriff Sie oben auch angeben, der Bucket braucht zusätzlich eine Bucket-Richtlinie, die Sentinel Hub das Lesen erlaubt (siehe „AWS bucket settings“ in der BYOC-Dokumentation), sonst schlägt die Analyse fehl.</translation>
    </message>
    <message>
        <location filename="../plugin/services/batch_options.py" line="134"/>
        <source>Enter the ARN of the IAM role the service may assume to write to the bucket (arn:aws:iam::&lt;account&gt;:role/&lt;name&gt;), or choose another access.</source>
        <translation>Geben Sie den ARN der IAM-Rolle ein, die der Dienst übernehmen darf, um in den Bucket zu schreiben (arn:aws:iam::&lt;account&gt;:role/&lt;name&gt;), oder wählen Sie einen anderen Zugriff.</translation>
    </message>
    <message>
        <location filename="../plugin/services/batch_options.py" line="140"/>
        <source>The service should write with your S3 keys, but none are set. Add them in the connection settings, or choose another write access.</source>
        <translation>Der Dienst soll mit Ihren S3-Schlüsseln schreiben, aber es sind keine gesetzt. Tragen Sie sie in den Verbindungseinstellungen ein oder wählen Sie einen anderen Schreibzugriff.</translation>
    </message>
    <message>
        <location filename="../plugin/services/batch_options.py" line="153"/>
        <source>COG overview levels are whole numbers separated by commas, like 2, 4, 8; not &apos;{text}&apos;.</source>
        <translation>COG-Übersichtsstufen sind ganze Zahlen, durch Kommas getrennt, etwa 2, 4, 8; nicht „{text}“.</translation>
    </message>
    <message>
        <location filename="../plugin/services/batch_options.py" line="161"/>
        <source>COG resampling must be one of {names}.</source>
        <translation>Die COG-Abtastmethode muss eine von diesen sein: {names}.</translation>
    </message>
    <message>
        <location filename="../plugin/services/batch_options.py" line="175"/>
        <source>Enter the id of the BYOC collection to ingest into (a UUID from the collection&apos;s page), or choose a new collection.</source>
        <translation>Geben Sie die ID der BYOC-Kollektion ein, in die importiert werden soll (eine UUID von der Seite der Kollektion), oder wählen Sie eine neue Kollektion.</translation>
    </message>
    <message>
        <location filename="../plugin/services/batch_options.py" line="179"/>
        <source>BYOC ingestion is one of: {choices}.</source>
        <translation>Der BYOC-Import ist einer von diesen: {choices}.</translation>
    </message>
    <message>
        <location filename="../plugin/services/batch_options.py" line="211"/>
        <source>The evalscript declares no outputs to store as Zarr arrays.</source>
        <translation>Das Evalscript deklariert keine Ausgaben, die als Zarr-Arrays gespeichert werden könnten.</translation>
    </message>
    <message>
        <location filename="../plugin/services/batch_options.py" line="214"/>
        <source>Zarr dtypes are given for outputs the job does not have: {names}.</source>
        <translation>Es sind Zarr-dtypes für Ausgaben angegeben, die der Auftrag nicht hat: {names}.</translation>
    </message>
    <message>
        <location filename="../plugin/services/batch_options.py" line="228"/>
        <source>The Zarr origin is {origins}.</source>
        <translation>Der Zarr-Ursprung ist {origins}.</translation>
    </message>
    <message>
        <location filename="../plugin/services/batch_options.py" line="239"/>
        <source>The Zarr fill value of &apos;{output}&apos; is a number or NaN, not &apos;{text}&apos;.</source>
        <translation>Der Zarr-Füllwert von „{output}“ ist eine Zahl oder NaN, nicht „{text}“.</translation>
    </message>
    <message>
        <location filename="../plugin/services/batch_options.py" line="252"/>
        <source>{what} are written output=value, separated by commas (like ndvi=&lt;f4, mask=|u1); &apos;{part}&apos; is not.</source>
        <translation>{what} werden als Ausgabe=Wert geschrieben, durch Kommas getrennt (etwa ndvi=&lt;f4, mask=|u1); „{part}“ hat diese Form nicht.</translation>
    </message>
    <message>
        <location filename="../plugin/services/batch_options.py" line="263"/>
        <source>The format &apos;{format}&apos; of output &apos;{output}&apos; is not one a batch job writes; use {formats}.</source>
        <translation>Das Format „{format}“ der Ausgabe „{output}“ kann ein Batch-Auftrag nicht schreiben; verwenden Sie {formats}.</translation>
    </message>
    <message>
        <location filename="../plugin/services/batch_options.py" line="276"/>
        <source>Enter the output location (s3://bucket/folder, or gs://bucket/folder for Google Cloud Storage).</source>
        <translation>Geben Sie den Ausgabeort ein (s3://bucket/ordner oder gs://bucket/ordner für Google Cloud Storage).</translation>
    </message>
    <message>
        <location filename="../plugin/services/batch_options.py" line="318"/>
        <source>output location</source>
        <translation>Ausgabeort</translation>
    </message>
    <message>
        <location filename="../plugin/services/batch_options.py" line="282"/>
        <source>The output type is raster (GeoTIFF files) or zarr, not &apos;{type}&apos;.</source>
        <translation>Der Ausgabetyp ist raster (GeoTIFF-Dateien) oder zarr, nicht „{type}“.</translation>
    </message>
    <message>
        <location filename="../plugin/services/batch_options.py" line="287"/>
        <source>The instance type is {types}.</source>
        <translation>Der Instanztyp ist {types}.</translation>
    </message>
    <message>
        <location filename="../plugin/services/batch_options.py" line="320"/>
        <source>Your polygons are uploaded to S3 for the service to read, and the output is not in S3: enter an s3://bucket/…/name.gpkg location for them.</source>
        <translation>Ihre Polygone werden nach S3 hochgeladen, damit der Dienst sie lesen kann, und die Ausgabe liegt nicht in S3: Geben Sie für sie einen Ort s3://bucket/…/name.gpkg an.</translation>
    </message>
    <message>
        <location filename="../plugin/services/batch_options.py" line="344"/>
        <source>Your polygons must be uploaded to the bucket, which needs the S3 keys of the connection. Add them in the connection settings.</source>
        <translation>Ihre Polygone müssen in den Bucket hochgeladen werden; dafür braucht es die S3-Schlüssel der Verbindung. Tragen Sie sie in den Verbindungseinstellungen ein.</translation>
    </message>
    <message>
        <location filename="../plugin/services/connection.py" line="349"/>
        <source>Google Cloud Storage key {account}</source>
        <translation>Google-Cloud-Storage-Schlüssel {account}</translation>
    </message>
    <message>
        <location filename="../plugin/services/connection.py" line="356"/>
        <source>Google Cloud Storage delivery needs the service-account key of the bucket: choose the authentication configuration that holds it (or import the key file).</source>
        <translation>Die Auslieferung nach Google Cloud Storage braucht den Dienstkontoschlüssel des Buckets: Wählen Sie die Authentifizierungskonfiguration, die ihn enthält (oder importieren Sie die Schlüsseldatei).</translation>
    </message>
    <message>
        <location filename="../plugin/services/features.py" line="41"/>
        <source>named by &apos;{field}&apos;</source>
        <translation>benannt nach „{field}“</translation>
    </message>
    <message>
        <location filename="../plugin/services/features.py" line="42"/>
        <source>named by feature id</source>
        <translation>benannt nach Objekt-ID</translation>
    </message>
    <message>
        <location filename="../plugin/services/features.py" line="43"/>
        <source>{layer}: {count} polygon(s), {names}, EPSG:{epsg}</source>
        <translation>{layer}: {count} Polygon(e), {names}, EPSG:{epsg}</translation>
    </message>
    <message>
        <location filename="../plugin/services/features.py" line="71"/>
        <source>Choose the polygon layer whose features are the tiles of the job.</source>
        <translation>Wählen Sie den Polygonlayer, dessen Objekte die Kacheln des Auftrags sind.</translation>
    </message>
    <message>
        <location filename="../plugin/services/features.py" line="74"/>
        <source>&apos;{name}&apos; is a {kind} layer; the tiles of a job must be polygons.</source>
        <translation>„{name}“ hat den Geometrietyp {kind}; die Kacheln eines Auftrags müssen Polygone sein.</translation>
    </message>
    <message>
        <location filename="../plugin/services/features.py" line="79"/>
        <source>The polygons of '{name}' are not in an EPSG coordinate system ({crs}), which a batch GeoPackage needs. Save them in one (Export → Save Features As…, e.g. a UTM zone) and use that layer.</source>
        <translation>Die Polygone von „{name}“ liegen nicht in einem EPSG-Koordinatenbezugssystem ({crs}), das ein Batch-GeoPackage braucht. Speichern Sie sie in einem solchen (Exportieren → Objekte speichern als…, z. B. in einer UTM-Zone) und verwenden Sie diesen Layer.</translation>
    </message>
    <message>
        <location filename="../plugin/services/features.py" line="84"/>
        <source>The layer &apos;{name}&apos; has no field &apos;{field}&apos; to name the tiles by.</source>
        <translation>Der Layer „{name}“ hat kein Feld „{field}“, nach dem die Kacheln benannt werden könnten.</translation>
    </message>
    <message>
        <location filename="../plugin/services/features.py" line="96"/>
        <source>Feature {fid} of &apos;{name}&apos; has no value in &apos;{field}&apos;, which names the tiles. Fill it in or choose another field.</source>
        <translation>Objekt {fid} von „{name}“ hat keinen Wert in „{field}“, das die Kacheln benennt. Füllen Sie ihn aus oder wählen Sie ein anderes Feld.</translation>
    </message>
    <message>
        <location filename="../plugin/services/features.py" line="104"/>
        <source>Feature &apos;{feature}&apos; of &apos;{name}&apos; has no geometry; delete it or draw its polygon.</source>
        <translation>Objekt „{feature}“ von „{name}“ hat keine Geometrie; löschen Sie es oder zeichnen Sie sein Polygon.</translation>
    </message>
    <message>
        <location filename="../plugin/services/features.py" line="121"/>
        <source>None of the polygons of &apos;{name}&apos; touches the area, so the job would process nothing. Choose another area or do not limit the polygons to it.</source>
        <translation>Keines der Polygone von „{name}“ berührt das Gebiet, der Auftrag würde also nichts verarbeiten. Wählen Sie ein anderes Gebiet oder schränken Sie die Polygone nicht darauf ein.</translation>
    </message>
    <message>
        <location filename="../plugin/services/results.py" line="820"/>
        <source>The feature manifest of job {id} lists no outputs.</source>
        <translation>Das Feature-Manifest des Auftrags {id} nennt keine Ausgaben.</translation>
    </message>
    <message>
        <location filename="../plugin/services/results.py" line="828"/>
        <source>GDAL could not open the Zarr array &apos;{output}&apos; at {url}: {error}. Check that the job has written it and the S3 settings of the connection.</source>
        <translation>GDAL konnte das Zarr-Array „{output}“ unter {url} nicht öffnen: {error}. Prüfen Sie, ob der Auftrag es geschrieben hat, und die S3-Einstellungen der Verbindung.</translation>
    </message>
    <message>
        <location filename="../plugin/services/results.py" line="828"/>
        <source>no such array</source>
        <translation>kein solches Array</translation>
    </message>
    <message>
        <location filename="../plugin/services/results.py" line="847"/>
        <source>Job {id} wrote one Zarr, which QGIS reads from the bucket: load it without downloading.</source>
        <translation>Auftrag {id} hat ein Zarr geschrieben, das QGIS aus dem Bucket liest: Laden Sie es ohne Herunterladen.</translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/base.py" line="151"/>
        <source>Area (polygon layer)</source>
        <translation>Gebiet (Polygonlayer)</translation>
    </message>
    <message>
        <location filename="../plugin/gui/jobs_dock.py" line="458"/>
        <source>{status} — results unreadable</source>
        <translation>{status} — Ergebnisse nicht lesbar</translation>
    </message>
    <message>
        <location filename="../plugin/gui/jobs_dock.py" line="613"/>
        <source>Estimating the cost of job {id}</source>
        <translation>Schätzen der Kosten des Auftrags {id}</translation>
    </message>
    <message>
        <location filename="../plugin/gui/jobs_dock.py" line="620"/>
        <source>Restart batch request {id}? The tiles not processed yet are processed and charged.</source>
        <translation>Batch-Anfrage {id} neu starten? Die noch nicht verarbeiteten Kacheln werden verarbeitet und berechnet.</translation>
    </message>
    <message>
        <location filename="../plugin/gui/jobs_dock.py" line="631"/>
        <source>Stop job</source>
        <translation>Auftrag anhalten</translation>
    </message>
    <message>
        <location filename="../plugin/gui/jobs_dock.py" line="631"/>
        <source>Stop batch request {id}? Tiles already processed stay in the bucket and are charged; the service may refuse to restart it for 30 minutes.</source>
        <translation>Batch-Anfrage {id} anhalten? Bereits verarbeitete Kacheln bleiben im Bucket und werden berechnet; der Dienst kann einen Neustart bis zu 30 Minuten lang ablehnen.</translation>
    </message>
    <message>
        <location filename="../plugin/gui/jobs_dock.py" line="653"/>
        <source>Re-run the failed tile(s) of job {id}? A new request over just those tiles is created and started; it overwrites their outputs and is charged.</source>
        <translation>Die fehlgeschlagene(n) Kachel(n) des Auftrags {id} neu verarbeiten? Eine neue Anfrage nur über diese Kacheln wird erstellt und gestartet; sie überschreibt deren Ausgaben und wird berechnet.</translation>
    </message>
    <message>
        <location filename="../plugin/gui/jobs_dock.py" line="655"/>
        <source>Re-run tiles</source>
        <translation>Kacheln neu verarbeiten</translation>
    </message>
    <message>
        <location filename="../plugin/gui/monitor.py" line="231"/>
        <source>Reconnecting ({detail}); next try in {wait}</source>
        <translation>Verbindung wird wiederhergestellt ({detail}); nächster Versuch in {wait}</translation>
    </message>
    <message>
        <location filename="../plugin/gui/monitor.py" line="291"/>
        <source>Reconnecting: {message} Next try in {delay}.</source>
        <translation>Verbindung wird wiederhergestellt: {message} Nächster Versuch in {delay}.</translation>
    </message>
    <message>
        <location filename="../plugin/gui/new_job_dock.py" line="964"/>
        <source>Estimating the cost</source>
        <translation>Schätzen der Kosten</translation>
    </message>
    <message>
        <location filename="../plugin/gui/quicklook.py" line="229"/>
        <source>about {pu} PU</source>
        <translation>etwa {pu} PU</translation>
    </message>
    <message>
        <location filename="../plugin/gui/quicklook.py" line="229"/>
        <source>an unknown cost</source>
        <translation>unbekannte Kosten</translation>
    </message>
    <message>
        <location filename="../plugin/gui/quicklook.py" line="231"/>
        <source>This call will cost {cost} (calls above {limit} PU ask first). Send it?</source>
        <translation>Dieser Aufruf kostet {cost} (Aufrufe über {limit} PU fragen vorher nach). Senden?</translation>
    </message>
    <message>
        <location filename="../plugin/gui/quicklook.py" line="234"/>
        <source>Not sent ({cost}).</source>
        <translation>Nicht gesendet ({cost}).</translation>
    </message>
    <message>
        <location filename="../plugin/gui/quicklook.py" line="246"/>
        <source>Asking Sentinel Hub ({cost})…</source>
        <translation>Anfrage an Sentinel Hub ({cost})…</translation>
    </message>
    <message>
        <location filename="../plugin/gui/start_dialog.py" line="72"/>
        <source>{pu} PU before the batch discount</source>
        <translation>{pu} PU vor dem Batch-Rabatt</translation>
    </message>
    <message>
        <location filename="../plugin/gui/start_dialog.py" line="74"/>
        <source>{pu} PU charged</source>
        <translation>{pu} PU berechnet</translation>
    </message>
    <message>
        <location filename="../plugin/gui/start_dialog.py" line="75"/>
        <source>{pu} PU</source>
        <translation>{pu} PU</translation>
    </message>
    <message>
        <location filename="../plugin/gui/start_dialog.py" line="77"/>
        <source>not known</source>
        <translation>unbekannt</translation>
    </message>
    <message>
        <location filename="../plugin/gui/start_dialog.py" line="78"/>
        <source>No cost estimate is available.</source>
        <translation>Es liegt keine Kostenschätzung vor.</translation>
    </message>
    <message>
        <location filename="../plugin/gui/start_dialog.py" line="90"/>
        <source>Without an estimate nothing is started: the spending limit cannot be checked.</source>
        <translation>Ohne Schätzung wird nichts gestartet: Das Kostenlimit lässt sich nicht prüfen.</translation>
    </message>
    <message>
        <location filename="../plugin/gui/start_dialog.py" line="93"/>
        <source>Above the spending limit of {limit} PU. Check the area, grid and resolution; if the cost is intended, raise the limit for this run to at least {billed} PU.</source>
        <translation>Über dem Kostenlimit von {limit} PU. Prüfen Sie Gebiet, Gitter und Auflösung; sind die Kosten gewollt, erhöhen Sie das Limit für diesen Lauf auf mindestens {billed} PU.</translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/base.py" line="400"/>
        <source>Most processing units this call may spend (empty: 5 PU)</source>
        <translation>Höchstens so viele Verarbeitungseinheiten darf dieser Aufruf verbrauchen (leer: 5 PU)</translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/base.py" line="400"/>
        <source>Most processing units this run may be billed (empty: the connection&apos;s spending limit)</source>
        <translation>Höchstens so viele Verarbeitungseinheiten dürfen für diesen Lauf abgerechnet werden (leer: das Kostenlimit der Verbindung)</translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/base.py" line="404"/>
        <source>The job is estimated before anything is started (tiles, pixels, bands, samples, the batch discount and the 100 PU minimum); above this limit the run is refused with the tile count and the PU. Raise it here when the cost is intended.</source>
        <translation>Der Auftrag wird geschätzt, bevor irgendetwas gestartet wird (Kacheln, Pixel, Kanäle, Samples, der Batch-Rabatt und das Minimum von 100 PU); über diesem Limit wird der Lauf mit Kachelzahl und PU abgelehnt. Erhöhen Sie es hier, wenn die Kosten gewollt sind.</translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/base.py" line="418"/>
        <source>run it again with the parameter MAX_PU at least as high as the PU billed</source>
        <translation>führen Sie ihn erneut aus, mit dem Parameter MAX_PU mindestens so hoch wie die abgerechneten PU</translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/create_job.py" line="80"/>
        <source>Sends a batch processing request to Sentinel Hub: the area, evalscript, data collection and time range, tiled by the chosen grid, with the outputs delivered to your S3 bucket. The job is created, not started unless you tick &apos;Start&apos;, and then only when its estimate is within the spending limit (the connection&apos;s, or MAX_PU); &apos;Start batch job&apos; starts it later, &apos;Run batch job&apos; does everything at once. The tile count and cost estimate are printed first. Outputs empty: every output of the evalscript&apos;s setup().</source>
        <translation>Sendet eine Batch-Processing-Anfrage an Sentinel Hub: Gebiet, Evalscript, Datenkollektion und Zeitraum, gekachelt nach dem gewählten Gitter, mit Auslieferung der Ausgaben in Ihren S3-Bucket. Der Auftrag wird erstellt, aber nur gestartet, wenn Sie „Auftrag nach dem Erstellen starten“ aktivieren, und dann nur, wenn seine Schätzung im Kostenlimit liegt (dem der Verbindung oder MAX_PU); „Batch-Auftrag starten“ startet ihn später, „Batch-Auftrag ausführen“ erledigt alles auf einmal. Kachelzahl und Kostenschätzung werden zuerst ausgegeben. Ausgaben leer: jede Ausgabe aus setup() des Evalscripts.</translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/create_job.py" line="95"/>
        <source>Start the job once it is created</source>
        <translation>Auftrag nach dem Erstellen starten</translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/preview_tiles.py" line="99"/>
        <source>Write the tiles even when there are more than 200,000</source>
        <translation>Kacheln auch schreiben, wenn es mehr als 200.000 sind</translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/preview_tiles.py" line="118"/>
        <source>The area needs {count:,} tiles ({pu} PU charged): no layer of more than {limit:,} tile features is written unless you ask for it (the parameter ALL_TILES). Check the area, grid and resolution.</source>
        <translation>Das Gebiet braucht {count:,} Kacheln ({pu} PU berechnet): Ein Layer mit mehr als {limit:,} Kachelobjekten wird nur geschrieben, wenn Sie es verlangen (Parameter ALL_TILES). Prüfen Sie Gebiet, Gitter und Auflösung.</translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/process_area.py" line="57"/>
        <source>Runs the evalscript synchronously over a small area with the Process API — e.g. on a test sub-area before paying for a batch job — and writes one file per output (NDVI.tif, data_mask.tif, …) into the output folder. The Process API renders at most 2500 × 2500 px: give a resolution in metres (an area in degrees is reprojected to its UTM zone) or a width and height in pixels. The call is estimated first and not sent above 5 PU unless MAX_PU allows more. Credentials: the authentication configuration, else SH_CLIENT_ID/SH_CLIENT_SECRET (with SH_BASE_URL/SH_TOKEN_URL or SH_DEPLOYMENT), else the plugin's saved connection.</source>
        <translation>Führt das Evalscript synchron über einem kleinen Gebiet mit der Process API aus – z. B. auf einem Testausschnitt, bevor Sie für einen Batch-Auftrag bezahlen – und schreibt eine Datei je Ausgabe (NDVI.tif, data_mask.tif, …) in das Ausgabeverzeichnis. Die Process API rendert höchstens 2500 × 2500 px: Geben Sie eine Auflösung in Metern an (ein Gebiet in Grad wird in seine UTM-Zone reprojiziert) oder Breite und Höhe in Pixeln. Der Aufruf wird zuerst geschätzt und über 5 PU nur gesendet, wenn MAX_PU mehr erlaubt. Zugangsdaten: die Authentifizierungskonfiguration, sonst SH_CLIENT_ID/SH_CLIENT_SECRET (mit SH_BASE_URL/SH_TOKEN_URL oder SH_DEPLOYMENT), sonst die gespeicherte Verbindung des Plugins.</translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/process_area.py" line="115"/>
        <source>Expected cost: about {pu} PU ({url})</source>
        <translation>Erwartete Kosten: etwa {pu} PU ({url})</translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/process_area.py" line="115"/>
        <source>Expected cost: unknown, the evalscript&apos;s setup() could not be read ({url})</source>
        <translation>Erwartete Kosten: unbekannt, setup() des Evalscripts konnte nicht gelesen werden ({url})</translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/process_area.py" line="120"/>
        <source>run it again with the parameter MAX_PU at least as high as the estimate</source>
        <translation>führen Sie ihn erneut aus, mit dem Parameter MAX_PU mindestens so hoch wie die Schätzung</translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/retry_failed_tiles.py" line="41"/>
        <source>Re-runs the failed tiles of a job (or the tiles you name) the Batch v2 way: a GeoPackage with just those tiles is put next to the job&apos;s files and a new job processes it into the same output objects (overwrite). The new job is started unless you untick &apos;Start&apos;, and only when the tiles&apos; estimate is within the spending limit (the connection&apos;s, or MAX_PU). Needs S3 keys.</source>
        <translation>Verarbeitet die fehlgeschlagenen Kacheln eines Auftrags (oder die genannten Kacheln) auf die Art von Batch v2 neu: Ein GeoPackage mit nur diesen Kacheln wird neben die Dateien des Auftrags gelegt, und ein neuer Auftrag verarbeitet es in dieselben Ausgabeobjekte (Überschreiben). Der neue Auftrag wird gestartet, sofern Sie „Neuen Auftrag starten“ nicht deaktivieren, und nur, wenn die Schätzung der Kacheln im Kostenlimit liegt (dem der Verbindung oder MAX_PU). Braucht S3-Schlüssel.</translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/retry_failed_tiles.py" line="70"/>
        <source>Created job {new} to re-run {estimate} of {old}.</source>
        <translation>Auftrag {new} erstellt, um {estimate} von {old} neu zu verarbeiten.</translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/run_job.py" line="37"/>
        <source>The whole batch job in one step: creates it (printing tiles and cost), starts it, follows it until it is done, then writes the tile status layer and loads the results as mosaics per output. Nothing is created when the estimate is above the spending limit (the connection&apos;s, or MAX_PU). Cancelling while it runs stops the waiting only; the job goes on at the service (follow it with &apos;Wait for batch job&apos;, stop it with &apos;Stop batch job&apos;).</source>
        <translation>Der ganze Batch-Auftrag in einem Schritt: erstellt ihn (und meldet Kacheln und Kosten), startet ihn, verfolgt ihn bis zum Ende, schreibt dann den Kachelstatus-Layer und lädt die Ergebnisse als Mosaike je Ausgabe. Liegt die Schätzung über dem Kostenlimit (dem der Verbindung oder MAX_PU), wird nichts erstellt. Abbrechen während des Laufs beendet nur das Warten; der Auftrag läuft beim Dienst weiter (verfolgen Sie ihn mit „Auf Batch-Auftrag warten“, halten Sie ihn mit „Batch-Auftrag anhalten“ an).</translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/start_job.py" line="27"/>
        <source>Starts a created, analysed or stopped job. A created job is analysed first, then processed. Processing is charged in processing units: the job is estimated first (from its tiles once analysed, else from its request) and not started above the spending limit (the connection&apos;s, or MAX_PU). Follow it with &apos;Wait for batch job&apos;.</source>
        <translation>Startet einen erstellten, analysierten oder angehaltenen Auftrag. Ein erstellter Auftrag wird zuerst analysiert, dann verarbeitet. Die Verarbeitung wird in Verarbeitungseinheiten (PU) berechnet: Der Auftrag wird zuerst geschätzt (nach der Analyse aus seinen Kacheln, sonst aus seiner Anfrage) und über dem Kostenlimit (dem der Verbindung oder MAX_PU) nicht gestartet. Verfolgen Sie ihn mit „Auf Batch-Auftrag warten“.</translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/start_job.py" line="41"/>
        <source>Job {id}: {estimate}</source>
        <translation>Auftrag {id}: {estimate}</translation>
    </message>
    <message>
        <location filename="../plugin/services/jobs.py" line="99"/>
        <source>raise the spending limit for this run in the confirmation, or the connection&apos;s limit in the connection settings</source>
        <translation>erhöhen Sie das Kostenlimit für diesen Lauf in der Bestätigung oder das Limit der Verbindung in den Verbindungseinstellungen</translation>
    </message>
    <message>
        <location filename="../plugin/services/jobs.py" line="199"/>
        <source>confirm the cost when asked</source>
        <translation>bestätigen Sie die Kosten, wenn Sie gefragt werden</translation>
    </message>
    <message>
        <location filename="../plugin/services/tasks.py" line="84"/>
        <source>Sentinel Hub is busy or unreachable ({reason}); trying again in {wait}.</source>
        <translation>Sentinel Hub ist ausgelastet oder nicht erreichbar ({reason}); neuer Versuch in {wait}.</translation>
    </message>
    <message>
        <location filename="../plugin/gui/jobs_dock.py" line="306"/>
        <source>The jobs of this project cannot be followed: {error}</source>
        <translation>Die Aufträge dieses Projekts können nicht verfolgt werden: {error}</translation>
    </message>
    <message>
        <location filename="../plugin/gui/jobs_dock.py" line="455"/>
        <source>{status}, {count} tile(s) failed</source>
        <translation>{status}, {count} Kachel(n) fehlgeschlagen</translation>
    </message>
    <message>
        <location filename="../plugin/gui/jobs_dock.py" line="464"/>
        <source>{status} — {count} of {total} tiles failed; 'Retry failed tiles' runs them again.</source>
        <translation>{status} — {count} von {total} Kacheln fehlgeschlagen; „Fehlgeschlagene wiederholen…“ verarbeitet sie neu.</translation>
    </message>
    <message>
        <location filename="../plugin/gui/jobs_dock.py" line="529"/>
        <source>The tile statuses cannot be read from the bucket: {problem}</source>
        <translation>Der Kachelstatus kann nicht aus dem Bucket gelesen werden: {problem}</translation>
    </message>
    <message>
        <location filename="../plugin/gui/jobs_dock.py" line="530"/>
        <source>Last known: {tiles}</source>
        <translation>Zuletzt bekannt: {tiles}</translation>
    </message>
    <message>
        <location filename="../plugin/gui/jobs_dock.py" line="879"/>
        <source>The tile statuses of job {id} cannot be read from the bucket: {message} Check the S3 settings (Connection settings…); the job itself goes on.</source>
        <translation>Der Kachelstatus des Auftrags {id} kann nicht aus dem Bucket gelesen werden: {message} Prüfen Sie die S3-Einstellungen (Verbindungseinstellungen…); der Auftrag selbst läuft weiter.</translation>
    </message>
    <message>
        <location filename="../plugin/gui/jobs_dock.py" line="885"/>
        <source>Job {id}: the bucket can be read again.</source>
        <translation>Auftrag {id}: Der Bucket ist wieder lesbar.</translation>
    </message>
    <message>
        <location filename="../plugin/gui/new_job_dock.py" line="634"/>
        <source>Grids of the built-in table: {reason}</source>
        <translation>Gitter aus der eingebauten Tabelle: {reason}</translation>
    </message>
    <message>
        <location filename="../plugin/gui/new_job_dock.py" line="651"/>
        <source>Grids of the built-in table: the service&apos;s list could not be read ({error}).</source>
        <translation>Gitter aus der eingebauten Tabelle: Die Liste des Dienstes konnte nicht gelesen werden ({error}).</translation>
    </message>
    <message>
        <location filename="../plugin/gui/new_job_dock.py" line="654"/>
        <source>Grids and resolutions as the service lists them ({url}).</source>
        <translation>Gitter und Auflösungen, wie der Dienst sie auflistet ({url}).</translation>
    </message>
    <message>
        <location filename="../plugin/gui/new_job_dock.py" line="657"/>
        <source>Reading the tiling grids of {name}…</source>
        <translation>Die Kachelgitter von {name} werden gelesen…</translation>
    </message>
    <message>
        <location filename="../plugin/gui/new_job_dock.py" line="658"/>
        <source>Sentinel Hub Batch: tiling grids</source>
        <translation>Sentinel Hub Batch: Kachelgitter</translation>
    </message>
    <message>
        <location filename="../plugin/gui/new_job_dock.py" line="850"/>
        <source>To create the job:</source>
        <translation>Um den Auftrag zu erstellen:</translation>
    </message>
    <message>
        <location filename="../plugin/gui/settings_dialog.py" line="63"/>
        <source>AWS ({region})</source>
        <translation>AWS ({region})</translation>
    </message>
    <message>
        <location filename="../plugin/gui/settings_dialog.py" line="69"/>
        <source>S3 at {where}: the keys are accepted (they may not list all buckets, which the plugin does not need).</source>
        <translation>S3 unter {where}: Die Schlüssel werden akzeptiert (sie dürfen nicht alle Buckets auflisten, was das Plugin nicht braucht).</translation>
    </message>
    <message>
        <location filename="../plugin/gui/settings_dialog.py" line="71"/>
        <source>S3 at {where}: reachable, and the keys work.</source>
        <translation>S3 unter {where}: erreichbar, und die Schlüssel funktionieren.</translation>
    </message>
    <message>
        <location filename="../plugin/gui/settings_dialog.py" line="95"/>
        <source>S3: no keys are set, so the tiles of running jobs and their results cannot be read from the bucket. Add the S3 keys here.</source>
        <translation>S3: Es sind keine Schlüssel gesetzt, daher können die Kacheln laufender Aufträge und deren Ergebnisse nicht aus dem Bucket gelesen werden. Tragen Sie die S3-Schlüssel hier ein.</translation>
    </message>
    <message>
        <location filename="../plugin/gui/settings_dialog.py" line="106"/>
        <source>S3: {problem}</source>
        <translation>S3: {problem}</translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/base.py" line="166"/>
        <source>From (the whole day)</source>
        <translation>Von (ganzer Tag)</translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/base.py" line="169"/>
        <source>To (the whole day)</source>
        <translation>Bis (ganzer Tag)</translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/base.py" line="191"/>
        <source>Resolution (grid units: metres, or degrees for grid 3; one the grid allows; own polygons: their CRS units)</source>
        <translation>Auflösung (Gittereinheiten: Meter, bei Gitter 3 Grad; eine, die das Gitter zulässt; eigene Polygone: deren KBS-Einheiten)</translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/base.py" line="255"/>
        <source>The tiling grids of the service could not be read ({error}); the built-in table is used.</source>
        <translation>Die Kachelgitter des Dienstes konnten nicht gelesen werden ({error}); die eingebaute Tabelle wird verwendet.</translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/preview_tiles.py" line="88"/>
        <source>Computes the tiles a batch job over the area would process (the tiling grid at the chosen resolution) and estimates its cost in processing units: before the batch discount (the legacy valueEstimate) and what is charged (one third, at least 100 PU per request). The evalscript&apos;s setup() decides the bands, sample type and mosaicking. Nothing is sent to Sentinel Hub; with a connection set up, its list of tiling grids is read so that the grid and resolution are the ones it offers.</source>
        <translation>Berechnet die Kacheln, die ein Batch-Auftrag über dem Gebiet verarbeiten würde (das Kachelgitter in der gewählten Auflösung), und schätzt seine Kosten in Verarbeitungseinheiten (PU): vor dem Batch-Rabatt (das frühere valueEstimate) und was berechnet wird (ein Drittel, mindestens 100 PU je Anfrage). setup() des Evalscripts bestimmt Kanäle, Datentyp und Mosaikbildung. Es wird nichts an Sentinel Hub gesendet; ist eine Verbindung eingerichtet, wird deren Liste der Kachelgitter gelesen, damit Gitter und Auflösung den angebotenen entsprechen.</translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/preview_tiles.py" line="146"/>
        <source>No connection is ready: the tiling grid is the built-in one.</source>
        <translation>Keine Verbindung bereit: Es gilt das eingebaute Kachelgitter.</translation>
    </message>
    <message>
        <location filename="../plugin/services/area.py" line="71"/>
        <source>No polygon layer is chosen as the area. Add the layer with your area to the project (Layer ▸ Add Layer) and choose it in the Area list, or make it the active layer.</source>
        <translation>Es ist kein Polygonlayer als Gebiet gewählt. Fügen Sie den Layer mit Ihrem Gebiet zum Projekt hinzu (Layer ▸ Layer hinzufügen) und wählen Sie ihn in der Liste „Gebiet“, oder machen Sie ihn zum aktiven Layer.</translation>
    </message>
    <message>
        <location filename="../plugin/services/area.py" line="167"/>
        <source>&apos;{name}&apos; was added by Sentinel Hub Batch (tiles or a quick look) and cannot be the area. Choose a polygon layer of your own in the Area list, or make it the active layer.</source>
        <translation>„{name}“ wurde von Sentinel Hub Batch hinzugefügt (Kacheln oder eine Schnellansicht) und kann nicht das Gebiet sein. Wählen Sie einen eigenen Polygonlayer in der Liste „Gebiet“ oder machen Sie ihn zum aktiven Layer.</translation>
    </message>
    <message>
        <location filename="../plugin/services/layers.py" line="81"/>
        <source>{count} waiting</source>
        <translation>{count} wartend</translation>
    </message>
    <message>
        <location filename="../plugin/services/layers.py" line="82"/>
        <source>{count} processing</source>
        <translation>{count} laufend</translation>
    </message>
    <message>
        <location filename="../plugin/services/layers.py" line="83"/>
        <source>{count} done</source>
        <translation>{count} fertig</translation>
    </message>
    <message>
        <location filename="../plugin/services/layers.py" line="84"/>
        <source>{count} without data</source>
        <translation>{count} ohne Daten</translation>
    </message>
    <message>
        <location filename="../plugin/services/layers.py" line="85"/>
        <source>{count} failed</source>
        <translation>{count} fehlgeschlagen</translation>
    </message>
    <message>
        <location filename="../plugin/gui/jobs_dock.py" line="163"/>
        <source>{count} positions (Copy as curl gives them all)</source>
        <translation>{count} Positionen (Als curl kopieren liefert alle)</translation>
    </message>
    <message>
        <location filename="../plugin/gui/jobs_dock.py" line="988"/>
        <source>Building the overviews of {count} mosaic(s)</source>
        <translation>Übersichten von {count} Mosaik(en) werden erstellt</translation>
    </message>
    <message>
        <location filename="../plugin/gui/new_job_dock.py" line="738"/>
        <source> — not drawn (more than {limit})</source>
        <translation> — nicht gezeichnet (mehr als {limit})</translation>
    </message>
    <message>
        <location filename="../plugin/services/preview.py" line="200"/>
        <source>The area needs {count} tiles, more than the limit of {limit}. Choose a smaller area or a grid with bigger tiles.</source>
        <translation>Das Gebiet braucht {count} Kacheln, mehr als die Grenze von {limit}. Wählen Sie ein kleineres Gebiet oder ein Raster mit größeren Kacheln.</translation>
    </message>
    <message>
        <location filename="../plugin/services/preview.py" line="450"/>
        <source>Tiles (zoomed out)</source>
        <translation>Kacheln (herausgezoomt)</translation>
    </message>
    <message>
        <location filename="../plugin/services/results.py" line="132"/>
        <source>Job {id} has no execution database at {url} yet: results can be loaded once tiles are done.</source>
        <translation>Auftrag {id} hat noch keine Ausführungsdatenbank unter {url}: Ergebnisse können geladen werden, sobald Kacheln fertig sind.</translation>
    </message>
    <message>
        <location filename="../plugin/services/results.py" line="209"/>
        <source>GDAL could not open {path} to read output &apos;{output}&apos;: {error}. Check the S3 settings of the connection.</source>
        <translation>GDAL konnte {path} nicht öffnen, um die Ausgabe '{output}' zu lesen: {error}. Prüfen Sie die S3-Einstellungen der Verbindung.</translation>
    </message>
    <message>
        <location filename="../plugin/services/results.py" line="454"/>
        <source>unknown error</source>
        <translation>unbekannter Fehler</translation>
    </message>
    <message>
        <location filename="../plugin/services/results.py" line="259"/>
        <source>The feature manifest gives tile {tile} of output '{output}' a size of {width} × {height} px that does not fit its extent; the mosaic cannot be built from it.</source>
        <translation>Das Feature-Manifest gibt Kachel {tile} der Ausgabe '{output}' eine Größe von {width} × {height} px, die nicht zu ihrer Ausdehnung passt; daraus kann kein Mosaik gebaut werden.</translation>
    </message>
    <message>
        <location filename="../plugin/services/results.py" line="332"/>
        <source>GDAL could not read {path}: {error}</source>
        <translation>GDAL konnte {path} nicht lesen: {error}</translation>
    </message>
    <message>
        <location filename="../plugin/services/results.py" line="454"/>
        <source>GDAL could not open {path}: {error}</source>
        <translation>GDAL konnte {path} nicht öffnen: {error}</translation>
    </message>
    <message>
        <location filename="../plugin/services/results.py" line="500"/>
        <source>The outputs &apos;{output}&apos; have no internal overviews (they are not COGs), so the mosaic has none either: zoomed out it reads every tile in view. Ask for COG output for large jobs.</source>
        <translation>Die Ausgaben '{output}' haben keine internen Übersichten (sie sind keine COGs), daher hat das Mosaik auch keine: herausgezoomt liest es jede sichtbare Kachel. Wählen Sie für große Aufträge COG-Ausgabe.</translation>
    </message>
    <message>
        <location filename="../plugin/services/layers.py" line="68"/>
        <source>To do (processing)</source>
        <translation>Zu erledigen (in Bearbeitung)</translation>
    </message>
    <message>
        <location filename="../plugin/services/layers.py" line="81"/>
        <source>{count} to do</source>
        <translation>{count} zu erledigen</translation>
    </message>
</context>
<context>
    <name>JobsDock</name>
    <message>
        <location filename="../ui/jobs_dock.ui" line="14"/>
        <source>Sentinel Hub Batch jobs</source>
        <translation>Sentinel-Hub-Batch-Aufträge</translation>
    </message>
    <message>
        <location filename="../ui/jobs_dock.ui" line="64"/>
        <source>Search jobs (id, description)</source>
        <translation>Aufträge suchen (ID, Beschreibung)</translation>
    </message>
    <message>
        <location filename="../ui/jobs_dock.ui" line="71"/>
        <source>Order of the list</source>
        <translation>Reihenfolge der Liste</translation>
    </message>
    <message>
        <location filename="../ui/jobs_dock.ui" line="75"/>
        <source>Newest first</source>
        <translation>Neueste zuerst</translation>
    </message>
    <message>
        <location filename="../ui/jobs_dock.ui" line="80"/>
        <source>Oldest first</source>
        <translation>Älteste zuerst</translation>
    </message>
    <message>
        <location filename="../ui/jobs_dock.ui" line="248"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../ui/jobs_dock.ui" line="90"/>
        <source>Status (descending)</source>
        <translation>Status (absteigend)</translation>
    </message>
    <message>
        <location filename="../ui/jobs_dock.ui" line="98"/>
        <source>List the jobs of the account</source>
        <translation>Die Aufträge des Kontos auflisten</translation>
    </message>
    <message>
        <location filename="../ui/jobs_dock.ui" line="101"/>
        <source>Refresh</source>
        <translation>Aktualisieren</translation>
    </message>
    <message>
        <location filename="../ui/jobs_dock.ui" line="118"/>
        <source>Job id</source>
        <translation>Auftrags-ID</translation>
    </message>
    <message>
        <location filename="../ui/jobs_dock.ui" line="125"/>
        <source>Show the job with this id</source>
        <translation>Den Auftrag mit dieser ID anzeigen</translation>
    </message>
    <message>
        <location filename="../ui/jobs_dock.ui" line="128"/>
        <source>Open</source>
        <translation>Öffnen</translation>
    </message>
    <message>
        <location filename="../ui/jobs_dock.ui" line="135"/>
        <source>Show the most recent job of the account</source>
        <translation>Den neuesten Auftrag des Kontos anzeigen</translation>
    </message>
    <message>
        <location filename="../ui/jobs_dock.ui" line="138"/>
        <source>Latest job</source>
        <translation>Neuester Auftrag</translation>
    </message>
    <message>
        <location filename="../ui/jobs_dock.ui" line="148"/>
        <source>Load the next page of jobs</source>
        <translation>Die nächste Seite der Aufträge laden</translation>
    </message>
    <message>
        <location filename="../ui/jobs_dock.ui" line="151"/>
        <source>More…</source>
        <translation>Mehr…</translation>
    </message>
    <message>
        <location filename="../ui/jobs_dock.ui" line="262"/>
        <source>Progress</source>
        <translation>Fortschritt</translation>
    </message>
    <message>
        <location filename="../ui/jobs_dock.ui" line="202"/>
        <source>Cost (PU)</source>
        <translation>Kosten (PU)</translation>
    </message>
    <message>
        <location filename="../ui/jobs_dock.ui" line="207"/>
        <source>Created</source>
        <translation>Erstellt</translation>
    </message>
    <message>
        <location filename="../ui/jobs_dock.ui" line="212"/>
        <source>Updated</source>
        <translation>Aktualisiert</translation>
    </message>
    <message>
        <location filename="../ui/jobs_dock.ui" line="310"/>
        <source>Description</source>
        <translation>Beschreibung</translation>
    </message>
    <message>
        <location filename="../ui/jobs_dock.ui" line="222"/>
        <source>ID</source>
        <translation>ID</translation>
    </message>
    <message>
        <location filename="../ui/jobs_dock.ui" line="228"/>
        <source>Job</source>
        <translation>Auftrag</translation>
    </message>
    <message>
        <location filename="../ui/jobs_dock.ui" line="234"/>
        <source>Id</source>
        <translation>ID</translation>
    </message>
    <message>
        <location filename="../ui/jobs_dock.ui" line="276"/>
        <source>Cost</source>
        <translation>Kosten</translation>
    </message>
    <message>
        <location filename="../ui/jobs_dock.ui" line="286"/>
        <source>Times</source>
        <translation>Zeiten</translation>
    </message>
    <message>
        <location filename="../ui/jobs_dock.ui" line="296"/>
        <source>Tiles</source>
        <translation>Kacheln</translation>
    </message>
    <message>
        <location filename="../ui/jobs_dock.ui" line="325"/>
        <source>Save the description at the service</source>
        <translation>Die Beschreibung beim Dienst speichern</translation>
    </message>
    <message>
        <location filename="../ui/jobs_dock.ui" line="328"/>
        <source>Save</source>
        <translation>Speichern</translation>
    </message>
    <message>
        <location filename="../ui/jobs_dock.ui" line="337"/>
        <source>Error</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <location filename="../ui/jobs_dock.ui" line="354"/>
        <source>Request</source>
        <translation>Anfrage</translation>
    </message>
    <message>
        <location filename="../ui/jobs_dock.ui" line="370"/>
        <source>The request of the job, secrets masked</source>
        <translation>Die Anfrage des Auftrags, geheime Werte maskiert</translation>
    </message>
    <message>
        <location filename="../ui/jobs_dock.ui" line="383"/>
        <source>Let the service compute the job&apos;s tiles (nothing is charged yet)</source>
        <translation>Die Kacheln des Auftrags vom Dienst berechnen lassen (es fallen noch keine Kosten an)</translation>
    </message>
    <message>
        <location filename="../ui/jobs_dock.ui" line="386"/>
        <source>Analyse</source>
        <translation>Analysieren</translation>
    </message>
    <message>
        <location filename="../ui/jobs_dock.ui" line="393"/>
        <source>Start processing (asks for confirmation with the cost)</source>
        <translation>Verarbeitung starten (fragt mit den Kosten nach einer Bestätigung)</translation>
    </message>
    <message>
        <location filename="../ui/jobs_dock.ui" line="396"/>
        <source>Start…</source>
        <translation>Starten…</translation>
    </message>
    <message>
        <location filename="../ui/jobs_dock.ui" line="403"/>
        <source>Stop the analysis or the processing</source>
        <translation>Die Analyse oder die Verarbeitung anhalten</translation>
    </message>
    <message>
        <location filename="../ui/jobs_dock.ui" line="406"/>
        <source>Stop</source>
        <translation>Anhalten</translation>
    </message>
    <message>
        <location filename="../ui/jobs_dock.ui" line="413"/>
        <source>Re-run the failed tiles as a new job into the same files (charged)</source>
        <translation>Die fehlgeschlagenen Kacheln als neuen Auftrag in dieselben Dateien neu verarbeiten (kostenpflichtig)</translation>
    </message>
    <message>
        <location filename="../ui/jobs_dock.ui" line="416"/>
        <source>Retry failed tiles…</source>
        <translation>Fehlgeschlagene wiederholen…</translation>
    </message>
    <message>
        <location filename="../ui/jobs_dock.ui" line="423"/>
        <source>Re-run the tiles selected on the map as a new job into the same files (charged)</source>
        <translation>Die auf der Karte gewählten Kacheln als neuen Auftrag in dieselben Dateien neu verarbeiten (kostenpflichtig)</translation>
    </message>
    <message>
        <location filename="../ui/jobs_dock.ui" line="426"/>
        <source>Reprocess selected tiles…</source>
        <translation>Gewählte neu verarbeiten…</translation>
    </message>
    <message>
        <location filename="../ui/jobs_dock.ui" line="433"/>
        <source>Draw the job&apos;s tiles on the map and follow their status</source>
        <translation>Die Kacheln des Auftrags auf der Karte zeichnen und ihren Status verfolgen</translation>
    </message>
    <message>
        <location filename="../ui/jobs_dock.ui" line="436"/>
        <source>Show tiles</source>
        <translation>Kacheln anzeigen</translation>
    </message>
    <message>
        <location filename="../ui/jobs_dock.ui" line="443"/>
        <source>Load the finished outputs as map layers, read from S3</source>
        <translation>Die fertigen Ausgaben als Kartenlayer laden, aus S3 gelesen</translation>
    </message>
    <message>
        <location filename="../ui/jobs_dock.ui" line="446"/>
        <source>Load results</source>
        <translation>Ergebnisse laden</translation>
    </message>
    <message>
        <location filename="../ui/jobs_dock.ui" line="453"/>
        <source>Copy the finished outputs to the results folder, then load them</source>
        <translation>Die fertigen Ausgaben in den Ergebnisordner kopieren und dann laden</translation>
    </message>
    <message>
        <location filename="../ui/jobs_dock.ui" line="456"/>
        <source>Download results…</source>
        <translation>Ergebnisse herunterladen…</translation>
    </message>
    <message>
        <location filename="../ui/jobs_dock.ui" line="463"/>
        <source>Copy the API calls that create and start this job (secrets masked)</source>
        <translation>Die API-Aufrufe kopieren, die diesen Auftrag erstellen und starten (geheime Werte maskiert)</translation>
    </message>
    <message>
        <location filename="../ui/jobs_dock.ui" line="466"/>
        <source>Copy API call</source>
        <translation>API-Aufruf kopieren</translation>
    </message>
    <message>
        <location filename="../ui/jobs_dock.ui" line="477"/>
        <source>Results folder</source>
        <translation>Ergebnisordner</translation>
    </message>
    <message>
        <location filename="../ui/jobs_dock.ui" line="487"/>
        <source>Where downloaded results go (each job in a folder named by its id). Empty: you are asked when you download.</source>
        <translation>Wohin heruntergeladene Ergebnisse kommen (jeder Auftrag in einen Ordner mit seiner ID). Leer: Sie werden beim Herunterladen gefragt.</translation>
    </message>
</context>
<context>
    <name>NewJobDock</name>
    <message>
        <location filename="../ui/new_job_dock.ui" line="14"/>
        <source>Sentinel Hub Batch — New job</source>
        <translation>Sentinel Hub Batch — Neuer Auftrag</translation>
    </message>
    <message>
        <location filename="../ui/new_job_dock.ui" line="66"/>
        <source>Area</source>
        <translation>Gebiet</translation>
    </message>
    <message>
        <location filename="../ui/new_job_dock.ui" line="72"/>
        <source>Layer</source>
        <translation>Layer</translation>
    </message>
    <message>
        <location filename="../ui/new_job_dock.ui" line="82"/>
        <source>The polygon layer whose features are the area of the job. It follows the active layer in the Layers panel when that is a polygon layer.</source>
        <translation>Der Polygonlayer, dessen Objekte das Gebiet des Auftrags bilden. Er folgt dem aktiven Layer im Layerfenster, wenn dieser ein Polygonlayer ist.</translation>
    </message>
    <message>
        <location filename="../ui/new_job_dock.ui" line="89"/>
        <source>Use only the selected polygons of the layer.</source>
        <translation>Nur die gewählten Polygone des Layers verwenden.</translation>
    </message>
    <message>
        <location filename="../ui/new_job_dock.ui" line="92"/>
        <source>Selected features only</source>
        <translation>Nur gewählte Objekte</translation>
    </message>
    <message>
        <location filename="../ui/new_job_dock.ui" line="99"/>
        <source>Take the active layer of the Layers panel as the area (and read it again).</source>
        <translation>Den aktiven Layer des Layerfensters als Gebiet übernehmen (und neu einlesen).</translation>
    </message>
    <message>
        <location filename="../ui/new_job_dock.ui" line="102"/>
        <source>Use active layer</source>
        <translation>Aktiven Layer verwenden</translation>
    </message>
    <message>
        <location filename="../ui/new_job_dock.ui" line="119"/>
        <source>Data</source>
        <translation>Daten</translation>
    </message>
    <message>
        <location filename="../ui/new_job_dock.ui" line="125"/>
        <source>Collection</source>
        <translation>Kollektion</translation>
    </message>
    <message>
        <location filename="../ui/new_job_dock.ui" line="135"/>
        <source>Data collection type (e.g. sentinel-2-l1c); type a BYOC id as byoc-&lt;collection id&gt;.</source>
        <translation>Typ der Datenkollektion (z. B. sentinel-2-l1c); eine BYOC-ID als byoc-&lt;Kollektions-ID&gt; eingeben.</translation>
    </message>
    <message>
        <location filename="../ui/new_job_dock.ui" line="145"/>
        <source>From</source>
        <translation>Von</translation>
    </message>
    <message>
        <location filename="../ui/new_job_dock.ui" line="155"/>
        <source>First day of the time range (from 00:00 UTC).</source>
        <translation>Erster Tag des Zeitraums (ab 00:00 UTC).</translation>
    </message>
    <message>
        <location filename="../ui/new_job_dock.ui" line="181"/>
        <source>yyyy-MM-dd</source>
        <translation>dd.MM.yyyy</translation>
    </message>
    <message>
        <location filename="../ui/new_job_dock.ui" line="168"/>
        <source>To</source>
        <translation>Bis</translation>
    </message>
    <message>
        <location filename="../ui/new_job_dock.ui" line="178"/>
        <source>Last day of the time range (until 23:59:59 UTC).</source>
        <translation>Letzter Tag des Zeitraums (bis 23:59:59 UTC).</translation>
    </message>
    <message>
        <location filename="../ui/new_job_dock.ui" line="191"/>
        <source>Max cloud cover</source>
        <translation>Max. Wolkenbedeckung</translation>
    </message>
    <message>
        <location filename="../ui/new_job_dock.ui" line="201"/>
        <source>Use only scenes with at most this cloud cover; 100 % = no filter.</source>
        <translation>Nur Szenen mit höchstens dieser Wolkenbedeckung verwenden; 100 % = kein Filter.</translation>
    </message>
    <message>
        <location filename="../ui/new_job_dock.ui" line="204"/>
        <source> %</source>
        <translation> %</translation>
    </message>
    <message>
        <location filename="../ui/new_job_dock.ui" line="217"/>
        <source>Mosaicking order</source>
        <translation>Mosaik-Reihenfolge</translation>
    </message>
    <message>
        <location filename="../ui/new_job_dock.ui" line="227"/>
        <source>Which scene wins where scenes overlap (SIMPLE mosaicking).</source>
        <translation>Welche Szene dort gewinnt, wo sich Szenen überlappen (Mosaikbildung SIMPLE).</translation>
    </message>
    <message>
        <location filename="../ui/new_job_dock.ui" line="969"/>
        <source>Service default</source>
        <translation>Vorgabe des Dienstes</translation>
    </message>
    <message>
        <location filename="../ui/new_job_dock.ui" line="242"/>
        <source>Evalscript and outputs</source>
        <translation>Evalscript und Ausgaben</translation>
    </message>
    <message>
        <location filename="../ui/new_job_dock.ui" line="250"/>
        <source>Preset</source>
        <translation>Vorlage</translation>
    </message>
    <message>
        <location filename="../ui/new_job_dock.ui" line="272"/>
        <source>Replace the script with a preset.</source>
        <translation>Das Skript durch eine Vorlage ersetzen.</translation>
    </message>
    <message>
        <location filename="../ui/new_job_dock.ui" line="279"/>
        <source>Load an evalscript from a .js file.</source>
        <translation>Ein Evalscript aus einer .js-Datei laden.</translation>
    </message>
    <message>
        <location filename="../ui/new_job_dock.ui" line="282"/>
        <source>Load…</source>
        <translation>Laden…</translation>
    </message>
    <message>
        <location filename="../ui/new_job_dock.ui" line="289"/>
        <source>Save the evalscript to a .js file.</source>
        <translation>Das Evalscript in einer .js-Datei speichern.</translation>
    </message>
    <message>
        <location filename="../ui/new_job_dock.ui" line="292"/>
        <source>Save…</source>
        <translation>Speichern…</translation>
    </message>
    <message>
        <location filename="../ui/new_job_dock.ui" line="337"/>
        <source>Output</source>
        <translation>Ausgabe</translation>
    </message>
    <message>
        <location filename="../ui/new_job_dock.ui" line="342"/>
        <source>Bands</source>
        <translation>Kanäle</translation>
    </message>
    <message>
        <location filename="../ui/new_job_dock.ui" line="347"/>
        <source>Sample type</source>
        <translation>Datentyp</translation>
    </message>
    <message>
        <location filename="../ui/new_job_dock.ui" line="352"/>
        <source>Format</source>
        <translation>Format</translation>
    </message>
    <message>
        <location filename="../ui/new_job_dock.ui" line="411"/>
        <source>Grid</source>
        <translation>Gitter</translation>
    </message>
    <message>
        <location filename="../ui/new_job_dock.ui" line="427"/>
        <source>The grid splits the area into tiles; each tile is one output file.</source>
        <translation>Das Gitter teilt das Gebiet in Kacheln; jede Kachel ist eine Ausgabedatei.</translation>
    </message>
    <message>
        <location filename="../ui/new_job_dock.ui" line="555"/>
        <source>Resolution</source>
        <translation>Auflösung</translation>
    </message>
    <message>
        <location filename="../ui/new_job_dock.ui" line="444"/>
        <source>Pixel size; the grid allows only these.</source>
        <translation>Pixelgröße; das Gitter erlaubt nur diese.</translation>
    </message>
    <message>
        <location filename="../ui/new_job_dock.ui" line="451"/>
        <source>Buffer X</source>
        <translation>Puffer X</translation>
    </message>
    <message>
        <location filename="../ui/new_job_dock.ui" line="487"/>
        <source>Pixels added on each side of every tile (overlap between neighbouring tiles).</source>
        <translation>Pixel, die an jeder Seite jeder Kachel hinzukommen (Überlappung benachbarter Kacheln).</translation>
    </message>
    <message>
        <location filename="../ui/new_job_dock.ui" line="490"/>
        <source> px</source>
        <translation> px</translation>
    </message>
    <message>
        <location filename="../ui/new_job_dock.ui" line="477"/>
        <source>Buffer Y</source>
        <translation>Puffer Y</translation>
    </message>
    <message>
        <location filename="../ui/new_job_dock.ui" line="637"/>
        <source>Delivery</source>
        <translation>Auslieferung</translation>
    </message>
    <message>
        <location filename="../ui/new_job_dock.ui" line="643"/>
        <source>Output URL</source>
        <translation>Ausgabe-URL</translation>
    </message>
    <message>
        <location filename="../ui/new_job_dock.ui" line="653"/>
        <source>Where the service writes the results: s3://bucket/folder (files go to &lt;requestId&gt;/&lt;tileName&gt;/&lt;outputId&gt;.&lt;format&gt;) or a template with those placeholders.</source>
        <translation>Wohin der Dienst die Ergebnisse schreibt: s3://bucket/ordner (die Dateien kommen nach &lt;requestId&gt;/&lt;tileName&gt;/&lt;outputId&gt;.&lt;format&gt;) oder eine Vorlage mit diesen Platzhaltern.</translation>
    </message>
    <message>
        <location filename="../ui/new_job_dock.ui" line="663"/>
        <source>Write access</source>
        <translation>Schreibzugriff</translation>
    </message>
    <message>
        <location filename="../ui/new_job_dock.ui" line="686"/>
        <source>IAM role ARN</source>
        <translation>IAM-Rollen-ARN</translation>
    </message>
    <message>
        <location filename="../ui/new_job_dock.ui" line="741"/>
        <source>Cloud-optimised GeoTIFF (COG)</source>
        <translation>Cloud-optimiertes GeoTIFF (COG)</translation>
    </message>
    <message>
        <location filename="../ui/new_job_dock.ui" line="751"/>
        <source>Overwrite existing files</source>
        <translation>Vorhandene Dateien überschreiben</translation>
    </message>
    <message>
        <location filename="../ui/new_job_dock.ui" line="758"/>
        <source>Skip tiles whose files exist</source>
        <translation>Vorhandene Kacheln überspringen</translation>
    </message>
    <message>
        <location filename="../ui/new_job_dock.ui" line="782"/>
        <source>Description</source>
        <translation>Beschreibung</translation>
    </message>
    <message>
        <location filename="../ui/new_job_dock.ui" line="792"/>
        <source>e.g. California NDVI July 2020</source>
        <translation>z. B. Kalifornien NDVI Juli 2020</translation>
    </message>
    <message>
        <location filename="../ui/new_job_dock.ui" line="1054"/>
        <source>Preview</source>
        <translation>Vorschau</translation>
    </message>
    <message>
        <location filename="../ui/new_job_dock.ui" line="1060"/>
        <source>Tiles</source>
        <translation>Kacheln</translation>
    </message>
    <message>
        <location filename="../ui/new_job_dock.ui" line="1077"/>
        <source>Cost</source>
        <translation>Kosten</translation>
    </message>
    <message>
        <location filename="../ui/new_job_dock.ui" line="1094"/>
        <source>Show the tiles on the map</source>
        <translation>Kacheln auf der Karte anzeigen</translation>
    </message>
    <message>
        <location filename="../ui/new_job_dock.ui" line="1107"/>
        <source>Quick look (Process API)</source>
        <translation>Schnellansicht (Process API)</translation>
    </message>
    <message>
        <location filename="../ui/new_job_dock.ui" line="1143"/>
        <source>Deployment, credentials and S3 access.</source>
        <translation>Bereitstellung, Zugangsdaten und S3-Zugriff.</translation>
    </message>
    <message>
        <location filename="../ui/new_job_dock.ui" line="1146"/>
        <source>Connection…</source>
        <translation>Verbindung…</translation>
    </message>
    <message>
        <location filename="../ui/new_job_dock.ui" line="1166"/>
        <source>Create</source>
        <translation>Erstellen</translation>
    </message>
    <message>
        <location filename="../ui/new_job_dock.ui" line="1173"/>
        <source>Analyse</source>
        <translation>Analysieren</translation>
    </message>
    <message>
        <location filename="../ui/new_job_dock.ui" line="1180"/>
        <source>Start…</source>
        <translation>Starten…</translation>
    </message>
    <message>
        <location filename="../ui/new_job_dock.ui" line="1205"/>
        <source>No job created yet.</source>
        <translation>Noch kein Auftrag erstellt.</translation>
    </message>
    <message>
        <location filename="../ui/new_job_dock.ui" line="324"/>
        <source>Outputs declared in the evalscript&apos;s setup(); choose each file format (or, for Zarr, each array&apos;s dtype and fill value).</source>
        <translation>In setup() des Evalscripts deklarierte Ausgaben; wählen Sie jeweils das Dateiformat (oder bei Zarr dtype und Füllwert jedes Arrays).</translation>
    </message>
    <message>
        <location filename="../ui/new_job_dock.ui" line="357"/>
        <source>Zarr dtype</source>
        <translation>Zarr-dtype</translation>
    </message>
    <message>
        <location filename="../ui/new_job_dock.ui" line="362"/>
        <source>Fill value</source>
        <translation>Füllwert</translation>
    </message>
    <message>
        <location filename="../ui/new_job_dock.ui" line="379"/>
        <source>Tiles from</source>
        <translation>Kacheln aus</translation>
    </message>
    <message>
        <location filename="../ui/new_job_dock.ui" line="389"/>
        <source>A tiling grid of the service, or the polygons of a layer as the tiles (a GeoPackage input).</source>
        <translation>Ein Kachelgitter des Dienstes oder die Polygone eines Layers als Kacheln (eine GeoPackage-Eingabe).</translation>
    </message>
    <message>
        <location filename="../ui/new_job_dock.ui" line="521"/>
        <source>Polygons</source>
        <translation>Polygone</translation>
    </message>
    <message>
        <location filename="../ui/new_job_dock.ui" line="531"/>
        <source>Each polygon of this layer is one tile (one output file per output), in the layer&apos;s CRS, which must be an EPSG one.</source>
        <translation>Jedes Polygon dieses Layers ist eine Kachel (eine Ausgabedatei je Ausgabe), im KBS des Layers, das ein EPSG-KBS sein muss.</translation>
    </message>
    <message>
        <location filename="../ui/new_job_dock.ui" line="538"/>
        <source>Named by</source>
        <translation>Benannt nach</translation>
    </message>
    <message>
        <location filename="../ui/new_job_dock.ui" line="548"/>
        <source>The field whose unique values name the tiles (and their output folders); empty: the feature id.</source>
        <translation>Das Feld, dessen eindeutige Werte die Kacheln (und ihre Ausgabeordner) benennen; leer: die Objekt-ID.</translation>
    </message>
    <message>
        <location filename="../ui/new_job_dock.ui" line="565"/>
        <source>Pixel size in the units of the polygons' CRS; each polygon's box becomes width × height pixels (at most 3500).</source>
        <translation>Pixelgröße in den Einheiten des KBS der Polygone; das umschließende Rechteck jedes Polygons wird zu Breite × Höhe Pixeln (höchstens 3500).</translation>
    </message>
    <message>
        <location filename="../ui/new_job_dock.ui" line="584"/>
        <source>Upload to</source>
        <translation>Hochladen nach</translation>
    </message>
    <message>
        <location filename="../ui/new_job_dock.ui" line="594"/>
        <source>Where the plugin puts the polygons as a GeoPackage for the service to read (s3://bucket/…/name.gpkg). Empty: a new file under sentinelhub-batch-features/ in the output bucket.</source>
        <translation>Wohin das Plugin die Polygone als GeoPackage legt, damit der Dienst sie liest (s3://bucket/…/name.gpkg). Leer: eine neue Datei unter sentinelhub-batch-features/ im Ausgabe-Bucket.</translation>
    </message>
    <message>
        <location filename="../ui/new_job_dock.ui" line="597"/>
        <source>empty: s3://&lt;output bucket&gt;/sentinelhub-batch-features/…</source>
        <translation>leer: s3://&lt;Ausgabe-Bucket&gt;/sentinelhub-batch-features/…</translation>
    </message>
    <message>
        <location filename="../ui/new_job_dock.ui" line="604"/>
        <source>Only the polygons the area touches</source>
        <translation>Nur die Polygone, die das Gebiet berührt</translation>
    </message>
    <message>
        <location filename="../ui/new_job_dock.ui" line="607"/>
        <source>Send the area too: the service processes (and charges) only the polygons it touches, each whole.</source>
        <translation>Das Gebiet mitsenden: Der Dienst verarbeitet (und berechnet) nur die Polygone, die es berührt, jedes vollständig.</translation>
    </message>
    <message>
        <location filename="../ui/new_job_dock.ui" line="679"/>
        <source>How the service may write to the bucket; the choices are the ones the deployment accepts.</source>
        <translation>Wie der Dienst in den Bucket schreiben darf; zur Wahl steht, was die Bereitstellung akzeptiert.</translation>
    </message>
    <message>
        <location filename="../ui/new_job_dock.ui" line="703"/>
        <source>Service-account key</source>
        <translation>Dienstkontoschlüssel</translation>
    </message>
    <message>
        <location filename="../ui/new_job_dock.ui" line="715"/>
        <source>The authentication configuration holding the service-account key (JSON) that may write to the Google Cloud Storage bucket.</source>
        <translation>Die Authentifizierungskonfiguration mit dem Dienstkontoschlüssel (JSON), der in den Google-Cloud-Storage-Bucket schreiben darf.</translation>
    </message>
    <message>
        <location filename="../ui/new_job_dock.ui" line="722"/>
        <source>Import key file…</source>
        <translation>Schlüsseldatei importieren…</translation>
    </message>
    <message>
        <location filename="../ui/new_job_dock.ui" line="725"/>
        <source>Store a service-account key file in the QGIS authentication database and choose it (only its id is kept in settings).</source>
        <translation>Eine Dienstkontoschlüssel-Datei in der QGIS-Authentifizierungsdatenbank speichern und auswählen (in den Einstellungen wird nur ihre ID gespeichert).</translation>
    </message>
    <message>
        <location filename="../ui/new_job_dock.ui" line="765"/>
        <source>Instance type</source>
        <translation>Instanztyp</translation>
    </message>
    <message>
        <location filename="../ui/new_job_dock.ui" line="775"/>
        <source>The machines the job runs on (CDSE): normal, or large for heavy evalscripts.</source>
        <translation>Die Maschinen, auf denen der Auftrag läuft (CDSE): normal oder large für aufwendige Evalscripts.</translation>
    </message>
    <message>
        <location filename="../ui/new_job_dock.ui" line="802"/>
        <source>Output type and format</source>
        <translation>Ausgabetyp und -format</translation>
    </message>
    <message>
        <location filename="../ui/new_job_dock.ui" line="808"/>
        <source>Output type</source>
        <translation>Ausgabetyp</translation>
    </message>
    <message>
        <location filename="../ui/new_job_dock.ui" line="818"/>
        <source>GeoTIFF files, one per tile and output; or one Zarr with an array per output (WGS84 and LAEA grids, or your polygons in EPSG:4326 or EPSG:3035).</source>
        <translation>GeoTIFF-Dateien, eine je Kachel und Ausgabe; oder ein Zarr mit einem Array je Ausgabe (WGS84- und LAEA-Gitter oder Ihre Polygone in EPSG:4326 oder EPSG:3035).</translation>
    </message>
    <message>
        <location filename="../ui/new_job_dock.ui" line="825"/>
        <source>Zarr chunk</source>
        <translation>Zarr-Chunk</translation>
    </message>
    <message>
        <location filename="../ui/new_job_dock.ui" line="835"/>
        <source>Pixels per chunk in y and x; it must evenly divide the tile raster. Auto: the largest such size up to 512 px.</source>
        <translation>Pixel je Chunk in y und x; der Wert muss das Pixelraster der Kachel ohne Rest teilen. Auto: die größte solche Größe bis 512 px.</translation>
    </message>
    <message>
        <location filename="../ui/new_job_dock.ui" line="838"/>
        <source>Auto</source>
        <translation>Auto</translation>
    </message>
    <message>
        <location filename="../ui/new_job_dock.ui" line="851"/>
        <source>Zarr origin</source>
        <translation>Zarr-Ursprung</translation>
    </message>
    <message>
        <location filename="../ui/new_job_dock.ui" line="871"/>
        <source>COG options (advanced)</source>
        <translation>COG-Optionen (erweitert)</translation>
    </message>
    <message>
        <location filename="../ui/new_job_dock.ui" line="880"/>
        <source>Overview levels</source>
        <translation>Übersichtsstufen</translation>
    </message>
    <message>
        <location filename="../ui/new_job_dock.ui" line="890"/>
        <source>Reduction factors of the overviews, comma separated; empty: the service&apos;s.</source>
        <translation>Verkleinerungsfaktoren der Übersichten, durch Kommas getrennt; leer: die des Dienstes.</translation>
    </message>
    <message>
        <location filename="../ui/new_job_dock.ui" line="900"/>
        <source>Smallest overview</source>
        <translation>Kleinste Übersicht</translation>
    </message>
    <message>
        <location filename="../ui/new_job_dock.ui" line="923"/>
        <source>Overview resampling</source>
        <translation>Abtastmethode der Übersichten</translation>
    </message>
    <message>
        <location filename="../ui/new_job_dock.ui" line="936"/>
        <source>Block width</source>
        <translation>Blockbreite</translation>
    </message>
    <message>
        <location filename="../ui/new_job_dock.ui" line="959"/>
        <source>Block height</source>
        <translation>Blockhöhe</translation>
    </message>
    <message>
        <location filename="../ui/new_job_dock.ui" line="982"/>
        <source>Predictor</source>
        <translation>Prädiktor</translation>
    </message>
    <message>
        <location filename="../ui/new_job_dock.ui" line="1001"/>
        <source>BYOC collection</source>
        <translation>BYOC-Kollektion</translation>
    </message>
    <message>
        <location filename="../ui/new_job_dock.ui" line="1010"/>
        <source>Ingest into</source>
        <translation>Importieren in</translation>
    </message>
    <message>
        <location filename="../ui/new_job_dock.ui" line="1020"/>
        <source>Also ingest the GeoTIFF results into a BYOC collection, to use them like any Sentinel Hub collection.</source>
        <translation>Die GeoTIFF-Ergebnisse zusätzlich in eine BYOC-Kollektion importieren, um sie wie jede Sentinel-Hub-Kollektion zu nutzen.</translation>
    </message>
    <message>
        <location filename="../ui/new_job_dock.ui" line="1027"/>
        <source>Collection id</source>
        <translation>Kollektions-ID</translation>
    </message>
    <message>
        <location filename="../ui/new_job_dock.ui" line="624"/>
        <source>Grids of the built-in table (the service&apos;s list is read once connected).</source>
        <translation>Gitter aus der eingebauten Tabelle (die Liste des Dienstes wird nach dem Verbinden gelesen).</translation>
    </message>
</context>
<context>
    <name>QuickLookPanel</name>
    <message>
        <location filename="../ui/quick_look_panel.ui" line="31"/>
        <source>Test resolution</source>
        <translation>Testauflösung</translation>
    </message>
    <message>
        <location filename="../ui/quick_look_panel.ui" line="41"/>
        <source>Pixel size of the test run (the Process API renders at most 2500 × 2500 px).</source>
        <translation>Pixelgröße des Testlaufs (die Process API rendert höchstens 2500 × 2500 px).</translation>
    </message>
    <message>
        <location filename="../ui/quick_look_panel.ui" line="44"/>
        <source> m</source>
        <translation> m</translation>
    </message>
    <message>
        <location filename="../ui/quick_look_panel.ui" line="77"/>
        <source>True colour image of the whole area (512 px), as a temporary layer. Costs a fraction of a processing unit.</source>
        <translation>Echtfarbenbild des ganzen Gebiets (512 px) als temporärer Layer. Kostet einen Bruchteil einer Verarbeitungseinheit (PU).</translation>
    </message>
    <message>
        <location filename="../ui/quick_look_panel.ui" line="80"/>
        <source>Quick look</source>
        <translation>Schnellansicht</translation>
    </message>
    <message>
        <location filename="../ui/quick_look_panel.ui" line="90"/>
        <source>Test evalscript</source>
        <translation>Evalscript testen</translation>
    </message>
    <message>
        <location filename="../ui/quick_look_panel.ui" line="100"/>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <location filename="../ui/quick_look_panel.ui" line="63"/>
        <source>Unticked, the test renders a 256 × 256 px window (in the selected feature, or at the map centre) at full resolution, which costs a fraction of a processing unit. Ticked, it renders the whole selection or the part of the area the map shows, which may cost much more.</source>
        <translation>Deaktiviert rendert der Test ein Fenster von 256 × 256 px (im gewählten Objekt oder in der Kartenmitte) in voller Auflösung, was einen Bruchteil einer Verarbeitungseinheit kostet. Aktiviert rendert er die ganze Auswahl oder den Teil des Gebiets, den die Karte zeigt, was viel mehr kosten kann.</translation>
    </message>
    <message>
        <location filename="../ui/quick_look_panel.ui" line="66"/>
        <source>Test on the whole selection or map extent</source>
        <translation>Ganze Auswahl oder Kartenausdehnung testen</translation>
    </message>
    <message>
        <location filename="../ui/quick_look_panel.ui" line="87"/>
        <source>Run the evalscript at full resolution on a 256 × 256 px window of the selected feature, or of the area at the map centre; every output becomes a layer. Calls estimated above 5 PU ask first.</source>
        <translation>Das Evalscript in voller Auflösung auf einem Fenster von 256 × 256 px des gewählten Objekts oder des Gebiets in der Kartenmitte ausführen; jede Ausgabe wird ein Layer. Aufrufe mit einer Schätzung über 5 PU fragen vorher nach.</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../ui/settings_dialog.ui" line="14"/>
        <source>Sentinel Hub Batch — Connection</source>
        <translation>Sentinel Hub Batch — Verbindung</translation>
    </message>
    <message>
        <location filename="../ui/settings_dialog.ui" line="23"/>
        <source>Sentinel Hub service</source>
        <translation>Sentinel-Hub-Dienst</translation>
    </message>
    <message>
        <location filename="../ui/settings_dialog.ui" line="29"/>
        <source>Deployment</source>
        <translation>Bereitstellung</translation>
    </message>
    <message>
        <location filename="../ui/settings_dialog.ui" line="39"/>
        <source>Where your Sentinel Hub account lives. Custom URLs are for other deployments and the local test stack.</source>
        <translation>Wo Ihr Sentinel-Hub-Konto liegt. Eigene URLs sind für andere Bereitstellungen und den lokalen Test-Stack.</translation>
    </message>
    <message>
        <location filename="../ui/settings_dialog.ui" line="46"/>
        <source>Base URL</source>
        <translation>Basis-URL</translation>
    </message>
    <message>
        <location filename="../ui/settings_dialog.ui" line="56"/>
        <source>API base URL, e.g. https://services.sentinel-hub.com</source>
        <translation>Basis-URL der API, z. B. https://services.sentinel-hub.com</translation>
    </message>
    <message>
        <location filename="../ui/settings_dialog.ui" line="63"/>
        <source>Token URL</source>
        <translation>Token-URL</translation>
    </message>
    <message>
        <location filename="../ui/settings_dialog.ui" line="73"/>
        <source>OAuth2 token URL of the deployment&apos;s identity service</source>
        <translation>OAuth2-Token-URL des Identitätsdienstes der Bereitstellung</translation>
    </message>
    <message>
        <location filename="../ui/settings_dialog.ui" line="83"/>
        <source>OAuth client (stored in the QGIS authentication database)</source>
        <translation>OAuth-Client (in der QGIS-Authentifizierungsdatenbank gespeichert)</translation>
    </message>
    <message>
        <location filename="../ui/settings_dialog.ui" line="149"/>
        <source>Configuration</source>
        <translation>Konfiguration</translation>
    </message>
    <message>
        <location filename="../ui/settings_dialog.ui" line="96"/>
        <source>A Basic authentication configuration: username = client id, password = client secret.</source>
        <translation>Eine Authentifizierungskonfiguration vom Typ Basic: Benutzername = Client-ID, Passwort = Client-Secret.</translation>
    </message>
    <message>
        <location filename="../ui/settings_dialog.ui" line="103"/>
        <source>Client id</source>
        <translation>Client-ID</translation>
    </message>
    <message>
        <location filename="../ui/settings_dialog.ui" line="113"/>
        <source>client id (to create or update the configuration)</source>
        <translation>Client-ID (zum Anlegen/Ändern der Konfiguration)</translation>
    </message>
    <message>
        <location filename="../ui/settings_dialog.ui" line="120"/>
        <source>Client secret</source>
        <translation>Client-Secret</translation>
    </message>
    <message>
        <location filename="../ui/settings_dialog.ui" line="190"/>
        <source>Typed secrets are saved only in the QGIS authentication database, never in settings or projects.</source>
        <translation>Eingegebene Geheimnisse werden nur in der QGIS-Authentifizierungsdatenbank gespeichert, nie in Einstellungen oder Projekten.</translation>
    </message>
    <message>
        <location filename="../ui/settings_dialog.ui" line="193"/>
        <source>unchanged</source>
        <translation>unverändert</translation>
    </message>
    <message>
        <location filename="../ui/settings_dialog.ui" line="143"/>
        <source>S3 access for reading results</source>
        <translation>S3-Zugriff zum Lesen der Ergebnisse</translation>
    </message>
    <message>
        <location filename="../ui/settings_dialog.ui" line="156"/>
        <source>A Basic authentication configuration: username = access key, password = secret key.</source>
        <translation>Eine Authentifizierungskonfiguration vom Typ Basic: Benutzername = Zugriffsschlüssel, Passwort = geheimer Schlüssel.</translation>
    </message>
    <message>
        <location filename="../ui/settings_dialog.ui" line="163"/>
        <source>Access key</source>
        <translation>Zugriffsschlüssel</translation>
    </message>
    <message>
        <location filename="../ui/settings_dialog.ui" line="173"/>
        <source>access key (to create or update the configuration)</source>
        <translation>Zugriffsschlüssel (zum Anlegen/Ändern der Konfiguration)</translation>
    </message>
    <message>
        <location filename="../ui/settings_dialog.ui" line="180"/>
        <source>Secret key</source>
        <translation>Geheimer Schlüssel</translation>
    </message>
    <message>
        <location filename="../ui/settings_dialog.ui" line="200"/>
        <source>Endpoint</source>
        <translation>Endpunkt</translation>
    </message>
    <message>
        <location filename="../ui/settings_dialog.ui" line="210"/>
        <source>empty for AWS; host:port or URL otherwise</source>
        <translation>leer für AWS; sonst host:port oder URL</translation>
    </message>
    <message>
        <location filename="../ui/settings_dialog.ui" line="217"/>
        <source>Region</source>
        <translation>Region</translation>
    </message>
    <message>
        <location filename="../ui/settings_dialog.ui" line="287"/>
        <source>Get a token and list batch requests with these settings (nothing is saved).</source>
        <translation>Mit diesen Einstellungen ein Token holen und Batch-Anfragen auflisten (es wird nichts gespeichert).</translation>
    </message>
    <message>
        <location filename="../ui/settings_dialog.ui" line="290"/>
        <source>Test connection</source>
        <translation>Verbindung testen</translation>
    </message>
    <message>
        <location filename="../ui/settings_dialog.ui" line="237"/>
        <source>Spending</source>
        <translation>Kosten</translation>
    </message>
    <message>
        <location filename="../ui/settings_dialog.ui" line="243"/>
        <source>Spending limit per run</source>
        <translation>Kostenlimit je Lauf</translation>
    </message>
    <message>
        <location filename="../ui/settings_dialog.ui" line="253"/>
        <source>A job (or a re-run of tiles) estimated to be billed more than this is not started unless you raise the limit for that run (in the start confirmation, or MAX_PU in Processing).</source>
        <translation>Ein Auftrag (oder eine Neuverarbeitung von Kacheln), für den voraussichtlich mehr abgerechnet wird, startet nur, wenn Sie das Limit für diesen Lauf erhöhen (in der Startbestätigung oder mit MAX_PU in den Verarbeitungswerkzeugen).</translation>
    </message>
    <message>
        <location filename="../ui/settings_dialog.ui" line="256"/>
        <source> PU</source>
        <translation> PU</translation>
    </message>
</context>
<context>
    <name>StartDialog</name>
    <message>
        <location filename="../ui/start_dialog.ui" line="14"/>
        <source>Start batch processing</source>
        <translation>Batch-Verarbeitung starten</translation>
    </message>
    <message>
        <location filename="../ui/start_dialog.ui" line="33"/>
        <source>What it costs</source>
        <translation>Was es kostet</translation>
    </message>
    <message>
        <location filename="../ui/start_dialog.ui" line="39"/>
        <source>Tiles</source>
        <translation>Kacheln</translation>
    </message>
    <message>
        <location filename="../ui/start_dialog.ui" line="63"/>
        <source>Charged (estimate)</source>
        <translation>Berechnet (Schätzung)</translation>
    </message>
    <message>
        <location filename="../ui/start_dialog.ui" line="77"/>
        <source>Billed at least</source>
        <translation>Mindestens abgerechnet</translation>
    </message>
    <message>
        <location filename="../ui/start_dialog.ui" line="116"/>
        <source>Spent so far</source>
        <translation>Bisher verbraucht</translation>
    </message>
    <message>
        <location filename="../ui/start_dialog.ui" line="136"/>
        <source>Processing units are charged to your account.</source>
        <translation>Verarbeitungseinheiten (PU) werden Ihrem Konto berechnet.</translation>
    </message>
    <message>
        <location filename="../ui/start_dialog.ui" line="49"/>
        <source>Estimate</source>
        <translation>Schätzung</translation>
    </message>
    <message>
        <location filename="../ui/start_dialog.ui" line="87"/>
        <source>Spending limit for this run</source>
        <translation>Kostenlimit für diesen Lauf</translation>
    </message>
    <message>
        <location filename="../ui/start_dialog.ui" line="97"/>
        <source>The most this run may be billed. Raise it here to start a job above the connection&apos;s limit.</source>
        <translation>Höchstens so viel darf für diesen Lauf abgerechnet werden. Erhöhen Sie es hier, um einen Auftrag über dem Limit der Verbindung zu starten.</translation>
    </message>
    <message>
        <location filename="../ui/start_dialog.ui" line="100"/>
        <source> PU</source>
        <translation> PU</translation>
    </message>
</context>
</TS>
