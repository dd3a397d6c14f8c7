<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de">
<context>
    <name>@default</name>
    <message>
        <location filename="../plugin/gui/jobs_dock.py" line="210"/>
        <source>Folder for downloaded results</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/gui/jobs_dock.py" line="275"/>
        <source>{what}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/gui/jobs_dock.py" line="286"/>
        <source>Sentinel Hub Batch: {what}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/gui/jobs_dock.py" line="301"/>
        <source>Listing jobs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/gui/jobs_dock.py" line="310"/>
        <source>Listing more jobs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/gui/jobs_dock.py" line="326"/>
        <source>This account has no batch jobs yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/gui/jobs_dock.py" line="331"/>
        <source>Finding the latest job</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/gui/jobs_dock.py" line="346"/>
        <source>Opening job {id}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/gui/jobs_dock.py" line="445"/>
        <source>{pu:.1f} PU spent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/gui/jobs_dock.py" line="446"/>
        <source>created {created}, updated {updated}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/gui/jobs_dock.py" line="460"/>
        <source>not shown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/gui/jobs_dock.py" line="460"/>
        <source>waiting for the tiles</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/gui/jobs_dock.py" line="464"/>
        <source>{total} tiles: {parts}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/gui/jobs_dock.py" line="495"/>
        <source>Choose a job first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/gui/jobs_dock.py" line="503"/>
        <source>Saving the description</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/gui/jobs_dock.py" line="509"/>
        <source>Asking the service to analyse the job</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/gui/jobs_dock.py" line="519"/>
        <source>Starting the job</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/gui/jobs_dock.py" line="524"/>
        <source>Stopping the job</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/gui/jobs_dock.py" line="540"/>
        <source>Re-run the {count} failed tile(s) of job {id}? A new request over just those tiles is created and started; it overwrites their outputs and is charged.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/retry_failed_tiles.py" line="31"/>
        <source>Retry failed tiles</source>
        <translation>Fehlgeschlagene Kacheln wiederholen</translation>
    </message>
    <message>
        <location filename="../plugin/gui/jobs_dock.py" line="554"/>
        <source>Select the tiles to reprocess on the map (in the job&apos;s tile layer) first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/gui/jobs_dock.py" line="557"/>
        <source>Reprocess {count} selected tile(s) of job {id}? A new request over just those tiles is created and started; it overwrites their outputs and is charged.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/gui/jobs_dock.py" line="560"/>
        <source>Reprocess tiles</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/gui/jobs_dock.py" line="578"/>
        <source>Job {new} re-runs tiles of {old}; their colours follow it on the map.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/gui/jobs_dock.py" line="581"/>
        <source>Creating the re-run request</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/gui/jobs_dock.py" line="595"/>
        <source>The API calls of job {id} were copied (secrets masked).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/gui/jobs_dock.py" line="636"/>
        <source>The tiles of job {id} cannot be drawn yet: {error}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/gui/jobs_dock.py" line="641"/>
        <source>Sentinel Hub Batch: tiles of job {id}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/gui/jobs_dock.py" line="744"/>
        <source>Job {id}: connected again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/gui/jobs_dock.py" line="771"/>
        <source>Job {id}: {message}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/gui/jobs_dock.py" line="784"/>
        <source>Re-run {id}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/gui/jobs_dock.py" line="784"/>
        <source>Job {id}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/gui/jobs_dock.py" line="787"/>
        <source>{name} finished. Load its results from the jobs panel.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/gui/jobs_dock.py" line="790"/>
        <source>{name} failed: {error}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/gui/new_job_dock.py" line="628"/>
        <source>no reason given</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/gui/jobs_dock.py" line="794"/>
        <source>{name} stopped: {reason}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/gui/jobs_dock.py" line="797"/>
        <source>{name} is analysed and waits to be started.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/plugin.py" line="116"/>
        <source>Sentinel Hub Batch</source>
        <translation>Sentinel Hub Batch</translation>
    </message>
    <message>
        <location filename="../plugin/services/results.py" line="437"/>
        <source>Job {id} has no S3 delivery, so there are no results to load.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/gui/jobs_dock.py" line="857"/>
        <source>Downloading the results of job {id}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/gui/jobs_dock.py" line="857"/>
        <source>Loading the results of job {id}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/gui/jobs_dock.py" line="866"/>
        <source>Download the results to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/gui/jobs_dock.py" line="878"/>
        <source>{count} result layer(s) of job {id} loaded in group &apos;{group}&apos;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/gui/jobs_dock.py" line="886"/>
        <source>The result layers of job {id} need the S3 keys: {error}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/gui/jobs_dock.py" line="915"/>
        <source>Job {id} of this project cannot be followed: {error}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/gui/monitor.py" line="234"/>
        <source>Reconnecting ({detail}); next try in {wait} s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/gui/monitor.py" line="244"/>
        <source>There is no connection for this job. Open the connection settings and check the credentials, then refresh the job.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/gui/monitor.py" line="295"/>
        <source>Reconnecting: {message} Next try in {delay} s.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/gui/monitor.py" line="300"/>
        <source>Job {id} was not found: {message}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/gui/monitor.py" line="311"/>
        <source>Polling failed unexpectedly: {error}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/gui/new_job_dock.py" line="88"/>
        <source>No area yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/gui/new_job_dock.py" line="196"/>
        <source>Load evalscript</source>
        <translation>Evalscript laden</translation>
    </message>
    <message>
        <location filename="../plugin/gui/new_job_dock.py" line="196"/>
        <source>Evalscripts (*.js);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/gui/new_job_dock.py" line="203"/>
        <source>Loading the evalscript failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/gui/new_job_dock.py" line="207"/>
        <source>Save evalscript</source>
        <translation>Evalscript speichern</translation>
    </message>
    <message>
        <location filename="../plugin/gui/new_job_dock.py" line="207"/>
        <source>Evalscripts (*.js)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/gui/new_job_dock.py" line="214"/>
        <source>Saving the evalscript failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/gui/new_job_dock.py" line="312"/>
        <source>The area could not be read from the layer ({kind}); details are in the log.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/gui/new_job_dock.py" line="428"/>
        <source>Inputs {bands}; {mosaicking} mosaicking; outputs {outputs}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/gui/start_dialog.py" line="51"/>
        <source>{count} tile(s)</source>
        <translation>{count} Kachel(n)</translation>
    </message>
    <message>
        <location filename="../plugin/gui/new_job_dock.py" line="436"/>
        <source> of {w} × {h} px ({bw} × {bh} px with the buffer)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/gui/new_job_dock.py" line="518"/>
        <source>Choose a polygon layer as the area.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/gui/new_job_dock.py" line="555"/>
        <source>Wait for &apos;{action}&apos; to finish.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/gui/new_job_dock.py" line="521"/>
        <source>The preview is being computed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/gui/new_job_dock.py" line="524"/>
        <source>The evalscript has not been read yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/gui/new_job_dock.py" line="526"/>
        <source>Enter the S3 output URL (s3://bucket/folder).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/gui/new_job_dock.py" line="535"/>
        <source>Create the batch request (nothing is processed yet).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/gui/new_job_dock.py" line="548"/>
        <source>Compute the tiles of the created request at the service.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/gui/new_job_dock.py" line="548"/>
        <source>Analyse</source>
        <translation>Analysieren</translation>
    </message>
    <message>
        <location filename="../plugin/gui/new_job_dock.py" line="550"/>
        <source>Start processing (asks for confirmation with the cost).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/gui/new_job_dock.py" line="550"/>
        <source>Start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/gui/new_job_dock.py" line="557"/>
        <source>Create a job first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/gui/new_job_dock.py" line="558"/>
        <source>{action} needs a job in state {allowed}; this one is {status}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/gui/new_job_dock.py" line="582"/>
        <source>Sentinel Hub Batch: {action}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/gui/new_job_dock.py" line="588"/>
        <source>{action} failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/gui/new_job_dock.py" line="596"/>
        <source>Creating the batch request</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/gui/new_job_dock.py" line="603"/>
        <source>The request is not valid</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/gui/new_job_dock.py" line="609"/>
        <source>Batch request created</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/gui/new_job_dock.py" line="609"/>
        <source>Request {id} is created. Analyse it to check the tiles, or Start it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/gui/new_job_dock.py" line="619"/>
        <source>Analysing the batch request</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/gui/new_job_dock.py" line="628"/>
        <source>Analysis failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/gui/new_job_dock.py" line="628"/>
        <source>Request {id} failed in analysis: {error}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/gui/new_job_dock.py" line="632"/>
        <source>Analysis done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/gui/new_job_dock.py" line="632"/>
        <source>Request {id} is analysed ({status}); Start it when ready.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/gui/new_job_dock.py" line="651"/>
        <source>Starting the batch request</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/gui/new_job_dock.py" line="659"/>
        <source>Batch request started</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/gui/new_job_dock.py" line="659"/>
        <source>Request {id} is starting; follow it in the Jobs panel.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/gui/new_job_dock.py" line="674"/>
        <source>Request {id}: {status}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/gui/new_job_dock.py" line="676"/>
        <source>, {cost} PU</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/gui/quicklook.py" line="154"/>
        <source>Sentinel Hub quick look</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/gui/quicklook.py" line="164"/>
        <source>Sentinel Hub evalscript test</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/gui/quicklook.py" line="169"/>
        <source>Cancelling… (the answer on its way is discarded)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/gui/quicklook.py" line="192"/>
        <source>A call is already running; wait or cancel it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/gui/quicklook.py" line="203"/>
        <source>Asking Sentinel Hub…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/services/tasks.py" line="164"/>
        <source>Cancelled.</source>
        <translation>Abgebrochen.</translation>
    </message>
    <message>
        <location filename="../plugin/gui/quicklook.py" line="220"/>
        <source>The call ended without an answer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/gui/quicklook.py" line="230"/>
        <source>cost unknown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/gui/quicklook.py" line="230"/>
        <source>{pu:.3g} PU</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/gui/quicklook.py" line="232"/>
        <source>Quick look</source>
        <translation>Schnellansicht</translation>
    </message>
    <message>
        <location filename="../plugin/gui/quicklook.py" line="232"/>
        <source>Test evalscript</source>
        <translation>Evalscript testen</translation>
    </message>
    <message>
        <location filename="../plugin/gui/quicklook.py" line="233"/>
        <source>Added {names} ({cost}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/gui/quicklook.py" line="242"/>
        <source>Quick look (true colour)</source>
        <translation>Schnellansicht (Echtfarben)</translation>
    </message>
    <message>
        <location filename="../plugin/gui/quicklook.py" line="245"/>
        <source>The answer file {name} could not be opened as a raster.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/gui/quicklook.py" line="255"/>
        <source>Evalscript test</source>
        <translation>Evalscript-Test</translation>
    </message>
    <message>
        <location filename="../plugin/gui/quicklook.py" line="269"/>
        <source>Quick look failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/gui/quicklook.py" line="269"/>
        <source>Evalscript test failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/gui/settings_dialog.py" line="54"/>
        <source>Connected to {name}: the credentials work and batch requests can be listed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/gui/settings_dialog.py" line="56"/>
        <source>Connected to {name}: the credentials work and batch access is enabled (no batch requests yet).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/gui/settings_dialog.py" line="132"/>
        <source>Custom URLs</source>
        <translation>Eigene URLs</translation>
    </message>
    <message>
        <location filename="../plugin/gui/settings_dialog.py" line="193"/>
        <source>Enter the client id that belongs to the secret.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/gui/settings_dialog.py" line="197"/>
        <source>Enter the S3 access key that belongs to the secret key.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/gui/settings_dialog.py" line="220"/>
        <source>Sentinel Hub {id}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/gui/settings_dialog.py" line="226"/>
        <source>S3 {key}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/gui/settings_dialog.py" line="237"/>
        <source>Not saved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/gui/settings_dialog.py" line="254"/>
        <source>Testing {url}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/gui/settings_dialog.py" line="259"/>
        <source>The connection test</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/gui/settings_dialog.py" line="267"/>
        <source>Sentinel Hub Batch: connection test</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/gui/start_dialog.py" line="41"/>
        <source>Start processing</source>
        <translation>Verarbeitung starten</translation>
    </message>
    <message>
        <location filename="../plugin/gui/start_dialog.py" line="50"/>
        <source>Start processing batch request {id}?</source>
        <translation>Verarbeitung der Batch-Anfrage {id} starten?</translation>
    </message>
    <message>
        <location filename="../plugin/gui/start_dialog.py" line="51"/>
        <source>not known yet</source>
        <translation>noch nicht bekannt</translation>
    </message>
    <message>
        <location filename="../plugin/gui/start_dialog.py" line="56"/>
        <source>{charged} PU charged ({estimate} PU before the batch discount)</source>
        <translation>{charged} PU berechnet ({estimate} PU vor dem Batch-Rabatt)</translation>
    </message>
    <message>
        <location filename="../plugin/gui/start_dialog.py" line="59"/>
        <source>No cost estimate is available for the current inputs.</source>
        <translation>Für die aktuellen Eingaben gibt es keine Kostenschätzung.</translation>
    </message>
    <message>
        <location filename="../plugin/gui/start_dialog.py" line="60"/>
        <source>{billed} PU</source>
        <translation>{billed} PU</translation>
    </message>
    <message>
        <location filename="../plugin/gui/start_dialog.py" line="62"/>
        <source>{cost} PU</source>
        <translation>{cost} PU</translation>
    </message>
    <message>
        <location filename="../plugin/plugin.py" line="68"/>
        <source>Sentinel Hub Batch cannot start: Python packages are missing</source>
        <translation>Sentinel Hub Batch kann nicht starten: Python-Pakete fehlen</translation>
    </message>
    <message>
        <location filename="../plugin/plugin.py" line="80"/>
        <source>Show or hide the Sentinel Hub Batch panel for a new job</source>
        <translation>Sentinel-Hub-Batch-Bedienfeld für einen neuen Auftrag ein- oder ausblenden</translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/list_jobs.py" line="66"/>
        <source>Batch jobs</source>
        <translation>Batch-Aufträge</translation>
    </message>
    <message>
        <location filename="../plugin/plugin.py" line="92"/>
        <source>Show or hide the panel of batch jobs</source>
        <translation>Bedienfeld der Batch-Aufträge ein- oder ausblenden</translation>
    </message>
    <message>
        <location filename="../plugin/plugin.py" line="97"/>
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
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/base.py" line="93"/>
        <source>Planning</source>
        <translation>Planung</translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/base.py" line="93"/>
        <source>Results</source>
        <translation>Ergebnisse</translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/base.py" line="117"/>
        <source>The Python package &apos;{name}&apos; that Sentinel Hub Batch needs is not installed in this QGIS. Install it (e.g. pip install {name} in the Python of QGIS, or the python3-{name} package) and try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/base.py" line="132"/>
        <source>Sentinel Hub credentials (authentication config; empty: environment or settings)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/base.py" line="135"/>
        <source>A Basic authentication configuration with the client id as username and the client secret as password. Empty: SH_CLIENT_ID/SH_CLIENT_SECRET from the environment, else the plugin&apos;s saved connection.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/base.py" line="141"/>
        <source>Job id (empty: the most recent job)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/wait_for_job.py" line="129"/>
        <source>Job id</source>
        <translation>Auftrags-ID</translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/base.py" line="148"/>
        <source>Area (polygon layer)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/base.py" line="154"/>
        <source>Evalscript (the script text, or the path of a .js file)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/base.py" line="156"/>
        <source>Data collection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/base.py" line="168"/>
        <source>Maximum cloud coverage (%)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/base.py" line="173"/>
        <source>Seconds between status checks while processing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/base.py" line="186"/>
        <source>Buffer X (pixels on each side)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/base.py" line="186"/>
        <source>Buffer Y (pixels on each side)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/base.py" line="201"/>
        <source>The area layer could not be opened. Give a polygon layer or file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/base.py" line="274"/>
        <source>No S3 keys are set (AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY or the connection settings): tile statuses and results cannot be read from the bucket.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/base.py" line="286"/>
        <source>No job id was given and the account has no batch jobs yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/base.py" line="287"/>
        <source>No job id given: using the most recent job {id}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/base.py" line="312"/>
        <source>No evalscript was given. Pass the script text or the path of a .js file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/base.py" line="317"/>
        <source>The evalscript file &apos;{path}&apos; does not exist.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/base.py" line="329"/>
        <source>Cancelled. Anything already sent to Sentinel Hub (a created or started job) goes on at the service.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/wait_for_job.py" line="130"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/retry_failed_tiles.py" line="67"/>
        <source>Job {id}: {status}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/create_job.py" line="40"/>
        <source>Create batch job</source>
        <translation>Batch-Auftrag erstellen</translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/create_job.py" line="43"/>
        <source>Sends a batch processing request to Sentinel Hub: the area, evalscript, data collection and time range, tiled by the chosen grid, with the outputs delivered to your S3 bucket. The job is created, not started (use &apos;Start batch job&apos;, or &apos;Run batch job&apos; to do everything at once). The tile count and cost estimate are printed first. Outputs empty: every output of the evalscript&apos;s setup().</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/create_job.py" line="55"/>
        <source>Output location in S3 (s3://bucket/folder, or a path template)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/create_job.py" line="57"/>
        <source>Output identifiers, comma separated (empty: all outputs of the evalscript)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/create_job.py" line="59"/>
        <source>Description</source>
        <translation>Beschreibung</translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/create_job.py" line="61"/>
        <source>Mosaicking order (mostRecent, leastRecent, leastCC)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/create_job.py" line="63"/>
        <source>Cloud-optimised GeoTIFFs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/create_job.py" line="64"/>
        <source>Overwrite existing outputs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/create_job.py" line="65"/>
        <source>Skip tiles whose outputs exist</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/preview_tiles.py" line="92"/>
        <source>Processing units before the batch discount</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/preview_tiles.py" line="93"/>
        <source>Processing units charged</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/process_area.py" line="81"/>
        <source>Invalid polygons of the area were repaired.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/create_job.py" line="119"/>
        <source>Cancelled before the request was sent; no job was created.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/create_job.py" line="120"/>
        <source>Creating the batch job ({outputs}) at {url}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/create_job.py" line="123"/>
        <source>Job id: {id}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/wait_for_job.py" line="50"/>
        <source>Status: {status}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/create_job.py" line="125"/>
        <source>Expected cost: {pu} PU charged</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/list_jobs.py" line="51"/>
        <source>List batch jobs</source>
        <translation>Batch-Aufträge auflisten</translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/list_jobs.py" line="54"/>
        <source>The batch jobs of the account as a table: id, status, completion, cost, dates, description and where the outputs go. Search matches the service&apos;s free-text search (e.g. part of a description).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/list_jobs.py" line="58"/>
        <source>Search</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/list_jobs.py" line="59"/>
        <source>Order</source>
        <translation type="unfinished"></translation>
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
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/list_jobs.py" line="68"/>
        <source>Number of jobs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/list_jobs.py" line="90"/>
        <source>{count} job(s).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/load_results.py" line="36"/>
        <source>{name}: {tiles} tile(s) → {path}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/load_results.py" line="42"/>
        <source>The mosaics read the tiles from S3 (/vsis3/); QGIS needs the S3 keys of the connection to display them in a later session. Use &apos;Download&apos; for local copies.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/load_results.py" line="57"/>
        <source>Load results</source>
        <translation>Ergebnisse laden</translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/load_results.py" line="60"/>
        <source>Loads the finished outputs of a job as raster layers: one VRT mosaic per output (and per CRS when the area spans several UTM zones), built from the feature manifest. The tiles are read from the bucket (/vsis3/) or, with &apos;Download&apos;, copied to the output folder first. Index outputs such as NDVI get a red-yellow-green ramp.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/load_results.py" line="68"/>
        <source>Download the tiles (local copies)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/run_job.py" line="47"/>
        <source>Folder for the mosaics</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/run_job.py" line="51"/>
        <source>Result layers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/run_job.py" line="52"/>
        <source>Number of mosaics</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/preview_tiles.py" line="64"/>
        <source>Tiles: {count} ({crs})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/preview_tiles.py" line="65"/>
        <source>Estimate before the batch discount: {pu} PU</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/preview_tiles.py" line="66"/>
        <source>Charged (one third): {pu} PU</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/preview_tiles.py" line="68"/>
        <source>Billed: {pu} PU (the minimum per request)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/preview_tiles.py" line="78"/>
        <source>Preview tiles and cost</source>
        <translation>Kacheln und Kosten vorab berechnen</translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/preview_tiles.py" line="90"/>
        <source>Tiles</source>
        <translation>Kacheln</translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/tile_status.py" line="53"/>
        <source>Number of tiles</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/preview_tiles.py" line="94"/>
        <source>Processing units billed (with the minimum)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/process_area.py" line="45"/>
        <source>Process an area now (Process API)</source>
        <translation>Gebiet sofort prozessieren (Process API)</translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/process_area.py" line="48"/>
        <source>Runs the evalscript synchronously over a small area with the Process API — e.g. on a test sub-area before paying for a batch job — and writes one file per output (NDVI.tif, data_mask.tif, …) into the output folder. The Process API renders at most 2500 × 2500 px: give a resolution in metres (an area in degrees is reprojected to its UTM zone) or a width and height in pixels. Credentials: the authentication configuration, else SH_CLIENT_ID/SH_CLIENT_SECRET (with SH_BASE_URL/SH_TOKEN_URL or SH_DEPLOYMENT), else the plugin's saved connection.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/process_area.py" line="57"/>
        <source>Selected features only</source>
        <translation>Nur gewählte Objekte</translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/process_area.py" line="59"/>
        <source>Resolution in metres (used unless width and height are given)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/process_area.py" line="62"/>
        <source>Width in pixels (0: from the resolution)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/process_area.py" line="65"/>
        <source>Height in pixels (0: from the resolution)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/process_area.py" line="69"/>
        <source>Outputs (comma-separated ids of setup(); empty: all, as GeoTIFF)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/process_area.py" line="72"/>
        <source>Output folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/process_area.py" line="73"/>
        <source>Output files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/process_area.py" line="74"/>
        <source>Processing units spent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/process_area.py" line="98"/>
        <source>Give a resolution in metres, or a width and a height in pixels.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/process_area.py" line="104"/>
        <source>Asking Sentinel Hub ({url})…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/process_area.py" line="107"/>
        <source>Wrote {path}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/process_area.py" line="109"/>
        <source>The service did not report the processing units spent.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/process_area.py" line="111"/>
        <source>Processing units spent: {pu:.4g}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/retry_failed_tiles.py" line="34"/>
        <source>Re-runs the failed tiles of a job (or the tiles you name) the Batch v2 way: a GeoPackage with just those tiles is put next to the job&apos;s files and a new job processes it into the same output objects (overwrite). The new job is started unless you untick &apos;Start&apos;. Needs S3 keys.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/retry_failed_tiles.py" line="40"/>
        <source>Tile names, comma separated (empty: the failed tiles)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/retry_failed_tiles.py" line="42"/>
        <source>Start the new job</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/retry_failed_tiles.py" line="44"/>
        <source>Id of the new job</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/retry_failed_tiles.py" line="45"/>
        <source>Status of the new job</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/retry_failed_tiles.py" line="46"/>
        <source>Id of the original job</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/retry_failed_tiles.py" line="47"/>
        <source>Number of tiles re-run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/retry_failed_tiles.py" line="59"/>
        <source>Job {id} has no failed tiles to retry ({status}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/retry_failed_tiles.py" line="61"/>
        <source>Failed tiles: {names}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/retry_failed_tiles.py" line="65"/>
        <source>Created job {new} to re-run {count} tile(s) of {old}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/run_job.py" line="33"/>
        <source>Run batch job</source>
        <translation>Batch-Auftrag ausführen</translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/run_job.py" line="36"/>
        <source>The whole batch job in one step: creates it (printing tiles and cost), starts it, follows it until it is done, then writes the tile status layer and loads the results as mosaics per output. Cancelling while it runs stops the waiting only; the job goes on at the service (follow it with &apos;Wait for batch job&apos;, stop it with &apos;Stop batch job&apos;).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/run_job.py" line="45"/>
        <source>Download the result tiles</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/tile_status.py" line="79"/>
        <source>Tile status</source>
        <translation>Kachelstatus</translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/wait_for_job.py" line="132"/>
        <source>Cost (PU)</source>
        <translation>Kosten (PU)</translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/run_job.py" line="61"/>
        <source>Started job {id}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/start_job.py" line="15"/>
        <source>Start batch job</source>
        <translation>Batch-Auftrag starten</translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/start_job.py" line="18"/>
        <source>Starts a created, analysed or stopped job. A created job is analysed first, then processed. Processing is charged in processing units. Follow it with &apos;Wait for batch job&apos;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/stop_job.py" line="15"/>
        <source>Stop batch job</source>
        <translation>Batch-Auftrag anhalten</translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/stop_job.py" line="18"/>
        <source>Stops a job while it is analysed (the analysis still completes) or processed. Tiles already processed stay in the bucket. The service may refuse to restart a job for 30 minutes after a stop.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/tile_status.py" line="55"/>
        <source>Tiles: {label}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/tile_status.py" line="71"/>
        <source>A job&apos;s tiles as a polygon layer with the status of each tile (waiting, processing, done, no data, failed) and its error, coloured by status. The tiles and statuses come from the feature manifest and execution database the service writes to your bucket (S3 keys needed); before the job is analysed, the tiles are computed locally from the request.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/tile_status.py" line="81"/>
        <source>Job status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/tile_status.py" line="100"/>
        <source>The job&apos;s files could not be read from the bucket: {problem}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/tile_status.py" line="106"/>
        <source>No feature manifest yet (the job is {status}): tiles computed from the request.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/tile_status.py" line="111"/>
        <source>No tiles to show yet: {reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/tile_status.py" line="129"/>
        <source>Job {id} ({status}): {count} tiles — {summary}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/tile_status.py" line="129"/>
        <source>none</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/wait_for_job.py" line="58"/>
        <source>Processing: {percent:.0f}%</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/wait_for_job.py" line="62"/>
        <source>Tiles: {counts}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/wait_for_job.py" line="97"/>
        <source>Waiting for job {id} (cancel to stop waiting; the job goes on)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/wait_for_job.py" line="101"/>
        <source>Job {id} failed: {error}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/wait_for_job.py" line="101"/>
        <source>the service gave no reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/wait_for_job.py" line="104"/>
        <source>Job {id} is done; cost {pu} PU.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/wait_for_job.py" line="106"/>
        <source>Job {id} stopped: {why}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/wait_for_job.py" line="108"/>
        <source>Job {id} is {status} and waits for you: start it to go on.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/wait_for_job.py" line="117"/>
        <source>Wait for batch job</source>
        <translation>Auf Batch-Auftrag warten</translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/wait_for_job.py" line="120"/>
        <source>Follows a job until it is done or failed, showing its status, progress and (with S3 keys) how many tiles are done. It also returns when the job waits for you (created, analysed or stopped), instead of waiting forever. Cancelling stops the waiting only: the job goes on at the service. A failed job makes the algorithm fail with the service&apos;s error.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/wait_for_job.py" line="131"/>
        <source>Completion (%)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/wait_for_job.py" line="133"/>
        <source>Tiles done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/wait_for_job.py" line="134"/>
        <source>Tiles failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/services/area.py" line="58"/>
        <source>selected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/services/area.py" line="58"/>
        <source>all</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/services/area.py" line="59"/>
        <source>{layer}: {count} feature(s) ({which}), {crs}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/services/area.py" line="62"/>
        <source> (reprojected from {crs})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/services/area.py" line="64"/>
        <source>; invalid polygons were repaired</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/services/area.py" line="74"/>
        <source>&apos;{name}&apos; is not a vector layer. Select a polygon layer in the Layers panel.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/services/area.py" line="77"/>
        <source>The layer &apos;{name}&apos; could not be read (its data source is missing or broken).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/services/area.py" line="81"/>
        <source>&apos;{name}&apos; is a {kind} layer, but the area must be polygons. Select a polygon layer (or buffer the features into polygons first).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/services/area.py" line="84"/>
        <source>No features of &apos;{name}&apos; are selected. Select the polygons to process, or untick &apos;Selected features only&apos;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/services/area.py" line="108"/>
        <source>Feature {fid} of '{name}' cannot be used: {reason} Fix it (Processing → Fix geometries) or leave it out of the selection.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/services/area.py" line="115"/>
        <source>The layer &apos;{name}&apos; has no features. Draw or load at least one polygon.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/services/area.py" line="117"/>
        <source>The features of &apos;{name}&apos; have no geometry. Draw or load at least one polygon.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/services/area.py" line="127"/>
        <source>The layer '{name}' has no coordinate reference system. Set it in the layer properties (Source → Assigned CRS).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/services/area.py" line="132"/>
        <source>a custom CRS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/services/connection.py" line="280"/>
        <source>No connection is set up. Open the connection settings and choose the client credentials.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/services/evalscript_presets.py" line="38"/>
        <source>Temporal interpolation of NDVI (tutorial)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/services/evalscript_presets.py" line="38"/>
        <source>The batch tutorial&apos;s script: NDVI every 7 days in July 2020, interpolated over cloudy days (outputs NDVI and data_mask, ORBIT mosaicking).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/services/evalscript_presets.py" line="38"/>
        <source>True colour</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/services/evalscript_presets.py" line="38"/>
        <source>Sentinel-2 red, green, blue as 8-bit RGB plus a transparency band (output &apos;default&apos;).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/services/evalscript_presets.py" line="38"/>
        <source>NDVI</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/services/evalscript_presets.py" line="38"/>
        <source>Normalised difference vegetation index as 32-bit float, plus a data mask.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/services/evalscript_presets.py" line="51"/>
        <source>There is no evalscript preset &apos;{key}&apos;; known: {known}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/services/evalscript_presets.py" line="61"/>
        <source>&apos;{name}&apos; is larger than 1 MB; that is not an evalscript.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/services/evalscript_presets.py" line="65"/>
        <source>&apos;{name}&apos; is not a text file (it is not UTF-8). Choose a .js evalscript.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/services/evalscript_presets.py" line="68"/>
        <source>&apos;{path}&apos; could not be read ({reason}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/services/evalscript_presets.py" line="77"/>
        <source>The evalscript could not be saved to &apos;{path}&apos; ({reason}). Choose a folder you can write to.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/services/layers.py" line="57"/>
        <source>Waiting</source>
        <translation>Wartend</translation>
    </message>
    <message>
        <location filename="../plugin/services/layers.py" line="58"/>
        <source>Processing</source>
        <translation>In Bearbeitung</translation>
    </message>
    <message>
        <location filename="../plugin/services/layers.py" line="59"/>
        <source>Done</source>
        <translation>Fertig</translation>
    </message>
    <message>
        <location filename="../plugin/services/results.py" line="303"/>
        <source>No data</source>
        <translation>Keine Daten</translation>
    </message>
    <message>
        <location filename="../plugin/services/layers.py" line="61"/>
        <source>Failed</source>
        <translation>Fehlgeschlagen</translation>
    </message>
    <message>
        <location filename="../plugin/services/layers.py" line="379"/>
        <source>Tiles {id} – {description}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/services/layers.py" line="380"/>
        <source>Tiles {id}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/services/messages.py" line="26"/>
        <source>the service</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/services/messages.py" line="27"/>
        <source>{what} failed: {reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/services/messages.py" line="32"/>
        <source>Sentinel Hub refused the client id or secret (a wrong or expired secret, or a deleted OAuth client). Check the credentials in the connection settings.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/services/messages.py" line="35"/>
        <source>Sentinel Hub refused it{code}: {message}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/services/messages.py" line="38"/>
        <source>. The credentials work, but this account may not do this: Batch Processing needs an account with batch access; check the plan or the deployment.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/services/messages.py" line="41"/>
        <source>. Check the job id, the deployment and the base URL ({where}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/services/messages.py" line="43"/>
        <source>. The service is busy or unavailable; try again in a few minutes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/services/messages.py" line="46"/>
        <source>{where} could not be reached (no answer). Check the URL, the network and the proxy settings of QGIS, then try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/services/messages.py" line="50"/>
        <source>Unexpected error ({kind}: {error}); details are in the message log (Sentinel Hub Batch).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/services/preview.py" line="85"/>
        <source>The evalscript could not be read ({error}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/services/preview.py" line="97"/>
        <source>The tiles could not be computed ({error}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/services/preview.py" line="109"/>
        <source>The cost could not be estimated ({error}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/services/preview.py" line="121"/>
        <source>The job has no area.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/services/preview.py" line="138"/>
        <source>{charged} PU charged (estimate {estimate} PU before the batch discount)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/services/preview.py" line="141"/>
        <source>; billed {billed} PU (the minimum per request)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/services/preview.py" line="193"/>
        <source>Sentinel Hub Batch: tile preview</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/services/preview.py" line="236"/>
        <source>Batch job tiles (preview)</source>
        <translation>Kacheln des Batch-Auftrags (Vorschau)</translation>
    </message>
    <message>
        <location filename="../plugin/services/results.py" line="304"/>
        <source>Data</source>
        <translation>Daten</translation>
    </message>
    <message>
        <location filename="../plugin/services/results.py" line="352"/>
        <source>Results {id} – {description}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/services/results.py" line="353"/>
        <source>Results {id}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/services/results.py" line="447"/>
        <source>Downloading {count} GeoTIFF(s) to {folder}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/services/tasks.py" line="83"/>
        <source>Sentinel Hub is busy or unreachable ({reason}); trying again in {wait:.0f} s.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/services/connection.py" line="246"/>
        <source>client credentials</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/services/connection.py" line="249"/>
        <source>S3 keys</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/services/connection.py" line="91"/>
        <source>No S3 access keys are set. Add them in the connection settings (stored in the QGIS authentication database) or set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/services/connection.py" line="156"/>
        <source>No {what} are configured. Open the connection settings and choose or create an authentication configuration.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/services/connection.py" line="161"/>
        <source>The authentication configuration &apos;{id}&apos; for the {what} could not be read. Check it exists and that the QGIS master password is set.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/services/connection.py" line="166"/>
        <source>The authentication configuration &apos;{name}&apos; needs both a username (the id or access key) and a password (the secret).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/services/connection.py" line="184"/>
        <source>The credentials could not be saved in the QGIS authentication database. Set a master password (Settings → Options → Authentication) and try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/services/connection.py" line="263"/>
        <source>SH_CLIENT_ID is set but SH_CLIENT_SECRET is not.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/services/layers.py" line="157"/>
        <source>its tiles come from a GeoPackage; they are drawn after the analysis.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/services/layers.py" line="159"/>
        <source>the request names no tiling grid.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/services/layers.py" line="167"/>
        <source>the request has no area.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/services/results.py" line="119"/>
        <source>Job {id} has no feature manifest at {url} yet: results can be loaded once the job has been analysed and tiles are done.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/services/results.py" line="176"/>
        <source>Job {id} has no finished GeoTIFF outputs to load yet (no tile is done, or the outputs are in another format).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/services/results.py" line="195"/>
        <source>GDAL could not build a mosaic of output &apos;{output}&apos; (EPSG:{epsg}): {error}. Check the S3 settings of the connection.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/services/results.py" line="195"/>
        <source>no tile could be opened</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/services/results.py" line="387"/>
        <source>QGIS could not open the mosaic {path} of output &apos;{output}&apos;: {error}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/gui/new_job_dock.py" line="493"/>
        <source>The service should write with your S3 keys, but none are set. Add them in the connection settings, or choose &apos;IAM role&apos; as write access.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/gui/jobs_dock.py" line="261"/>
        <source>The jobs of this project cannot be followed: {error}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/gui/jobs_dock.py" line="408"/>
        <source>{status}, {count} tile(s) failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/gui/jobs_dock.py" line="415"/>
        <source>{status} — {count} of {total} tiles failed; 'Retry failed tiles' runs them again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/gui/jobs_dock.py" line="466"/>
        <source>The tile statuses cannot be read from the bucket: {problem}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/gui/jobs_dock.py" line="467"/>
        <source>Last known: {tiles}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/gui/jobs_dock.py" line="760"/>
        <source>The tile statuses of job {id} cannot be read from the bucket: {message} Check the S3 settings (Connection settings…); the job itself goes on.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/gui/jobs_dock.py" line="766"/>
        <source>Job {id}: the bucket can be read again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/gui/new_job_dock.py" line="345"/>
        <source>Grids of the built-in table: {reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/gui/new_job_dock.py" line="363"/>
        <source>Grids of the built-in table: the service&apos;s list could not be read ({error}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/gui/new_job_dock.py" line="366"/>
        <source>Grids and resolutions as the service lists them ({url}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/gui/new_job_dock.py" line="369"/>
        <source>Reading the tiling grids of {name}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/gui/new_job_dock.py" line="370"/>
        <source>Sentinel Hub Batch: tiling grids</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/gui/new_job_dock.py" line="538"/>
        <source>To create the job:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/gui/settings_dialog.py" line="63"/>
        <source>AWS ({region})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/gui/settings_dialog.py" line="69"/>
        <source>S3 at {where}: the keys are accepted (they may not list all buckets, which the plugin does not need).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/gui/settings_dialog.py" line="71"/>
        <source>S3 at {where}: reachable, and the keys work.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/gui/settings_dialog.py" line="95"/>
        <source>S3: no keys are set, so the tiles of running jobs and their results cannot be read from the bucket. Add the S3 keys here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/gui/settings_dialog.py" line="106"/>
        <source>S3: {problem}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/base.py" line="160"/>
        <source>From (the whole day)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/base.py" line="163"/>
        <source>To (the whole day)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/base.py" line="180"/>
        <source>Tiling grid</source>
        <translation>Kachelraster</translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/base.py" line="183"/>
        <source>Resolution (grid units: metres, or degrees for grid 3); one the grid allows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/base.py" line="239"/>
        <source>The tiling grids of the service could not be read ({error}); the built-in table is used.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/preview_tiles.py" line="81"/>
        <source>Computes the tiles a batch job over the area would process (the tiling grid at the chosen resolution) and estimates its cost in processing units: before the batch discount (the legacy valueEstimate) and what is charged (one third, at least 100 PU per request). The evalscript&apos;s setup() decides the bands, sample type and mosaicking. Nothing is sent to Sentinel Hub; with a connection set up, its list of tiling grids is read so that the grid and resolution are the ones it offers.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/preview_tiles.py" line="129"/>
        <source>No connection is ready: the tiling grid is the built-in one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/services/area.py" line="71"/>
        <source>No polygon layer is chosen as the area. Add the layer with your area to the project (Layer ▸ Add Layer) and choose it in the Area list, or make it the active layer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/services/area.py" line="166"/>
        <source>&apos;{name}&apos; was added by Sentinel Hub Batch (tiles or a quick look) and cannot be the area. Choose a polygon layer of your own in the Area list, or make it the active layer.</source>
        <translation type="unfinished"></translation>
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
        <translation type="unfinished"></translation>
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
        <translation type="unfinished"></translation>
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
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/jobs_dock.ui" line="128"/>
        <source>Open</source>
        <translation>Öffnen</translation>
    </message>
    <message>
        <location filename="../ui/jobs_dock.ui" line="135"/>
        <source>Show the most recent job of the account</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/jobs_dock.ui" line="138"/>
        <source>Latest job</source>
        <translation>Neuester Auftrag</translation>
    </message>
    <message>
        <location filename="../ui/jobs_dock.ui" line="148"/>
        <source>Load the next page of jobs</source>
        <translation type="unfinished"></translation>
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
        <translation type="unfinished"></translation>
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
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/jobs_dock.ui" line="383"/>
        <source>Let the service compute the job&apos;s tiles (nothing is charged yet)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/jobs_dock.ui" line="386"/>
        <source>Analyse</source>
        <translation>Analysieren</translation>
    </message>
    <message>
        <location filename="../ui/jobs_dock.ui" line="393"/>
        <source>Start processing (asks for confirmation with the cost)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/jobs_dock.ui" line="396"/>
        <source>Start…</source>
        <translation>Starten…</translation>
    </message>
    <message>
        <location filename="../ui/jobs_dock.ui" line="403"/>
        <source>Stop the analysis or the processing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/jobs_dock.ui" line="406"/>
        <source>Stop</source>
        <translation>Anhalten</translation>
    </message>
    <message>
        <location filename="../ui/jobs_dock.ui" line="413"/>
        <source>Re-run the failed tiles as a new job into the same files (charged)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/jobs_dock.ui" line="416"/>
        <source>Retry failed tiles…</source>
        <translation>Fehlgeschlagene Kacheln wiederholen…</translation>
    </message>
    <message>
        <location filename="../ui/jobs_dock.ui" line="423"/>
        <source>Re-run the tiles selected on the map as a new job into the same files (charged)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/jobs_dock.ui" line="426"/>
        <source>Reprocess selected tiles…</source>
        <translation>Gewählte Kacheln neu prozessieren…</translation>
    </message>
    <message>
        <location filename="../ui/jobs_dock.ui" line="433"/>
        <source>Draw the job&apos;s tiles on the map and follow their status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/jobs_dock.ui" line="436"/>
        <source>Show tiles</source>
        <translation>Kacheln zeigen</translation>
    </message>
    <message>
        <location filename="../ui/jobs_dock.ui" line="443"/>
        <source>Load the finished outputs as map layers, read from S3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/jobs_dock.ui" line="446"/>
        <source>Load results</source>
        <translation>Ergebnisse laden</translation>
    </message>
    <message>
        <location filename="../ui/jobs_dock.ui" line="453"/>
        <source>Copy the finished outputs to the results folder, then load them</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/jobs_dock.ui" line="456"/>
        <source>Download results…</source>
        <translation>Ergebnisse herunterladen…</translation>
    </message>
    <message>
        <location filename="../ui/jobs_dock.ui" line="463"/>
        <source>Copy the API calls that create and start this job (secrets masked)</source>
        <translation type="unfinished"></translation>
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
        <translation type="unfinished"></translation>
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
        <translation>Ebene</translation>
    </message>
    <message>
        <location filename="../ui/new_job_dock.ui" line="82"/>
        <source>The polygon layer whose features are the area of the job. It follows the active layer in the Layers panel when that is a polygon layer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/new_job_dock.ui" line="89"/>
        <source>Use only the selected polygons of the layer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/new_job_dock.ui" line="92"/>
        <source>Selected features only</source>
        <translation>Nur gewählte Objekte</translation>
    </message>
    <message>
        <location filename="../ui/new_job_dock.ui" line="99"/>
        <source>Take the active layer of the Layers panel as the area (and read it again).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/new_job_dock.ui" line="102"/>
        <source>Use active layer</source>
        <translation>Aktive Ebene verwenden</translation>
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
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/new_job_dock.ui" line="145"/>
        <source>From</source>
        <translation>Von</translation>
    </message>
    <message>
        <location filename="../ui/new_job_dock.ui" line="155"/>
        <source>First day of the time range (from 00:00 UTC).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/new_job_dock.ui" line="181"/>
        <source>yyyy-MM-dd</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/new_job_dock.ui" line="168"/>
        <source>To</source>
        <translation>Bis</translation>
    </message>
    <message>
        <location filename="../ui/new_job_dock.ui" line="178"/>
        <source>Last day of the time range (until 23:59:59 UTC).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/new_job_dock.ui" line="191"/>
        <source>Max cloud cover</source>
        <translation>Max. Wolkenbedeckung</translation>
    </message>
    <message>
        <location filename="../ui/new_job_dock.ui" line="201"/>
        <source>Use only scenes with at most this cloud cover; 100 % = no filter.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/new_job_dock.ui" line="204"/>
        <source> %</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/new_job_dock.ui" line="217"/>
        <source>Mosaicking order</source>
        <translation>Mosaik-Reihenfolge</translation>
    </message>
    <message>
        <location filename="../ui/new_job_dock.ui" line="227"/>
        <source>Which scene wins where scenes overlap (SIMPLE mosaicking).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/new_job_dock.ui" line="231"/>
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
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/new_job_dock.ui" line="279"/>
        <source>Load an evalscript from a .js file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/new_job_dock.ui" line="282"/>
        <source>Load…</source>
        <translation>Laden…</translation>
    </message>
    <message>
        <location filename="../ui/new_job_dock.ui" line="289"/>
        <source>Save the evalscript to a .js file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/new_job_dock.ui" line="292"/>
        <source>Save…</source>
        <translation>Speichern…</translation>
    </message>
    <message>
        <location filename="../ui/new_job_dock.ui" line="324"/>
        <source>Outputs declared in the evalscript&apos;s setup(); choose each file format.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/new_job_dock.ui" line="337"/>
        <source>Output</source>
        <translation>Ausgabe</translation>
    </message>
    <message>
        <location filename="../ui/new_job_dock.ui" line="342"/>
        <source>Bands</source>
        <translation>Bänder</translation>
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
        <location filename="../ui/new_job_dock.ui" line="363"/>
        <source>Tiling grid</source>
        <translation>Kachelraster</translation>
    </message>
    <message>
        <location filename="../ui/new_job_dock.ui" line="369"/>
        <source>Grid</source>
        <translation>Raster</translation>
    </message>
    <message>
        <location filename="../ui/new_job_dock.ui" line="385"/>
        <source>The grid splits the area into tiles; each tile is one output file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/new_job_dock.ui" line="392"/>
        <source>Resolution</source>
        <translation>Auflösung</translation>
    </message>
    <message>
        <location filename="../ui/new_job_dock.ui" line="402"/>
        <source>Pixel size; the grid allows only these.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/new_job_dock.ui" line="409"/>
        <source>Buffer X</source>
        <translation>Puffer X</translation>
    </message>
    <message>
        <location filename="../ui/new_job_dock.ui" line="445"/>
        <source>Pixels added on each side of every tile (overlap between neighbouring tiles).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/new_job_dock.ui" line="448"/>
        <source> px</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/new_job_dock.ui" line="435"/>
        <source>Buffer Y</source>
        <translation>Puffer Y</translation>
    </message>
    <message>
        <location filename="../ui/new_job_dock.ui" line="474"/>
        <source>Delivery</source>
        <translation>Auslieferung</translation>
    </message>
    <message>
        <location filename="../ui/new_job_dock.ui" line="480"/>
        <source>Output URL</source>
        <translation>Ausgabe-URL</translation>
    </message>
    <message>
        <location filename="../ui/new_job_dock.ui" line="490"/>
        <source>Where the service writes the results: s3://bucket/folder (files go to &lt;requestId&gt;/&lt;tileName&gt;/&lt;outputId&gt;.&lt;format&gt;) or a template with those placeholders.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/new_job_dock.ui" line="500"/>
        <source>Write access</source>
        <translation>Schreibzugriff</translation>
    </message>
    <message>
        <location filename="../ui/new_job_dock.ui" line="516"/>
        <source>How the service may write to the bucket.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/new_job_dock.ui" line="520"/>
        <source>My S3 keys (from the connection settings)</source>
        <translation>Meine S3-Schlüssel (aus den Verbindungseinstellungen)</translation>
    </message>
    <message>
        <location filename="../ui/new_job_dock.ui" line="525"/>
        <source>IAM role</source>
        <translation>IAM-Rolle</translation>
    </message>
    <message>
        <location filename="../ui/new_job_dock.ui" line="533"/>
        <source>IAM role ARN</source>
        <translation>IAM-Rollen-ARN</translation>
    </message>
    <message>
        <location filename="../ui/new_job_dock.ui" line="553"/>
        <source>Cloud-optimised GeoTIFF (COG)</source>
        <translation>Cloud-optimiertes GeoTIFF (COG)</translation>
    </message>
    <message>
        <location filename="../ui/new_job_dock.ui" line="563"/>
        <source>Overwrite existing files</source>
        <translation>Vorhandene Dateien überschreiben</translation>
    </message>
    <message>
        <location filename="../ui/new_job_dock.ui" line="570"/>
        <source>Skip tiles whose files exist</source>
        <translation>Kacheln mit vorhandenen Dateien überspringen</translation>
    </message>
    <message>
        <location filename="../ui/new_job_dock.ui" line="577"/>
        <source>Description</source>
        <translation>Beschreibung</translation>
    </message>
    <message>
        <location filename="../ui/new_job_dock.ui" line="587"/>
        <source>e.g. California NDVI July 2020</source>
        <translation>z. B. Kalifornien NDVI Juli 2020</translation>
    </message>
    <message>
        <location filename="../ui/new_job_dock.ui" line="597"/>
        <source>Preview</source>
        <translation>Vorschau</translation>
    </message>
    <message>
        <location filename="../ui/new_job_dock.ui" line="603"/>
        <source>Tiles</source>
        <translation>Kacheln</translation>
    </message>
    <message>
        <location filename="../ui/new_job_dock.ui" line="620"/>
        <source>Cost</source>
        <translation>Kosten</translation>
    </message>
    <message>
        <location filename="../ui/new_job_dock.ui" line="637"/>
        <source>Show the tiles on the map</source>
        <translation>Kacheln auf der Karte zeigen</translation>
    </message>
    <message>
        <location filename="../ui/new_job_dock.ui" line="650"/>
        <source>Quick look (Process API)</source>
        <translation>Schnellansicht (Process API)</translation>
    </message>
    <message>
        <location filename="../ui/new_job_dock.ui" line="686"/>
        <source>Deployment, credentials and S3 access.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/new_job_dock.ui" line="689"/>
        <source>Connection…</source>
        <translation>Verbindung…</translation>
    </message>
    <message>
        <location filename="../ui/new_job_dock.ui" line="709"/>
        <source>Create</source>
        <translation>Erstellen</translation>
    </message>
    <message>
        <location filename="../ui/new_job_dock.ui" line="716"/>
        <source>Analyse</source>
        <translation>Analysieren</translation>
    </message>
    <message>
        <location filename="../ui/new_job_dock.ui" line="723"/>
        <source>Start…</source>
        <translation>Starten…</translation>
    </message>
    <message>
        <location filename="../ui/new_job_dock.ui" line="748"/>
        <source>No job created yet.</source>
        <translation>Noch kein Auftrag erstellt.</translation>
    </message>
    <message>
        <location filename="../ui/new_job_dock.ui" line="461"/>
        <source>Grids of the built-in table (the service&apos;s list is read once connected).</source>
        <translation type="unfinished"></translation>
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
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/quick_look_panel.ui" line="44"/>
        <source> m</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/quick_look_panel.ui" line="67"/>
        <source>True colour image of the whole area (512 px), as a temporary layer. Costs a fraction of a processing unit.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/quick_look_panel.ui" line="70"/>
        <source>Quick look</source>
        <translation>Schnellansicht</translation>
    </message>
    <message>
        <location filename="../ui/quick_look_panel.ui" line="77"/>
        <source>Run the evalscript on the selected feature, or on the part of the area the map shows, at full resolution; every output becomes a layer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/quick_look_panel.ui" line="80"/>
        <source>Test evalscript</source>
        <translation>Evalscript testen</translation>
    </message>
    <message>
        <location filename="../ui/quick_look_panel.ui" line="90"/>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
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
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings_dialog.ui" line="46"/>
        <source>Base URL</source>
        <translation>Basis-URL</translation>
    </message>
    <message>
        <location filename="../ui/settings_dialog.ui" line="56"/>
        <source>API base URL, e.g. https://services.sentinel-hub.com</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings_dialog.ui" line="63"/>
        <source>Token URL</source>
        <translation>Token-URL</translation>
    </message>
    <message>
        <location filename="../ui/settings_dialog.ui" line="73"/>
        <source>OAuth2 token URL of the deployment&apos;s identity service</source>
        <translation type="unfinished"></translation>
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
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings_dialog.ui" line="103"/>
        <source>Client id</source>
        <translation>Client-ID</translation>
    </message>
    <message>
        <location filename="../ui/settings_dialog.ui" line="113"/>
        <source>client id (to create or update the configuration)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings_dialog.ui" line="120"/>
        <source>Client secret</source>
        <translation>Client-Secret</translation>
    </message>
    <message>
        <location filename="../ui/settings_dialog.ui" line="190"/>
        <source>Typed secrets are saved only in the QGIS authentication database, never in settings or projects.</source>
        <translation type="unfinished"></translation>
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
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings_dialog.ui" line="163"/>
        <source>Access key</source>
        <translation>Zugriffsschlüssel</translation>
    </message>
    <message>
        <location filename="../ui/settings_dialog.ui" line="173"/>
        <source>access key (to create or update the configuration)</source>
        <translation type="unfinished"></translation>
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
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings_dialog.ui" line="217"/>
        <source>Region</source>
        <translation>Region</translation>
    </message>
    <message>
        <location filename="../ui/settings_dialog.ui" line="239"/>
        <source>Get a token and list batch requests with these settings (nothing is saved).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings_dialog.ui" line="242"/>
        <source>Test connection</source>
        <translation>Verbindung testen</translation>
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
        <location filename="../ui/start_dialog.ui" line="49"/>
        <source>Charged (estimate)</source>
        <translation>Berechnet (Schätzung)</translation>
    </message>
    <message>
        <location filename="../ui/start_dialog.ui" line="63"/>
        <source>Billed at least</source>
        <translation>Mindestens abgerechnet</translation>
    </message>
    <message>
        <location filename="../ui/start_dialog.ui" line="73"/>
        <source>Spent so far</source>
        <translation>Bisher verbraucht</translation>
    </message>
    <message>
        <location filename="../ui/start_dialog.ui" line="86"/>
        <source>Processing units are charged to your account.</source>
        <translation>Processing Units werden Ihrem Konto belastet.</translation>
    </message>
</context>
</TS>
