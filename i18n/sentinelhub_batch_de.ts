<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de">
<context>
    <name>@default</name>
    <message>
        <location filename="../plugin/gui/jobs_dock.py" line="186"/>
        <source>Folder for downloaded results</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/gui/jobs_dock.py" line="235"/>
        <source>{what}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/gui/jobs_dock.py" line="246"/>
        <source>Sentinel Hub Batch: {what}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/gui/jobs_dock.py" line="261"/>
        <source>Listing jobs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/gui/jobs_dock.py" line="270"/>
        <source>Listing more jobs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/gui/jobs_dock.py" line="286"/>
        <source>This account has no batch jobs yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/gui/jobs_dock.py" line="291"/>
        <source>Finding the latest job</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/gui/jobs_dock.py" line="306"/>
        <source>Opening job {id}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/gui/jobs_dock.py" line="379"/>
        <source>{pu:.1f} PU spent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/gui/jobs_dock.py" line="380"/>
        <source>created {created}, updated {updated}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/gui/jobs_dock.py" line="397"/>
        <source>not shown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/gui/jobs_dock.py" line="397"/>
        <source>waiting for the tiles</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/gui/jobs_dock.py" line="401"/>
        <source>{total} tiles: {parts}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/gui/jobs_dock.py" line="429"/>
        <source>Choose a job first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/gui/jobs_dock.py" line="437"/>
        <source>Saving the description</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/gui/jobs_dock.py" line="443"/>
        <source>Asking the service to analyse the job</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/gui/jobs_dock.py" line="481"/>
        <source>Starting the job</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/gui/jobs_dock.py" line="491"/>
        <source>Stopping the job</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/retry_failed_tiles.py" line="38"/>
        <source>Retry failed tiles</source>
        <translation>Fehlgeschlagene Kacheln wiederholen</translation>
    </message>
    <message>
        <location filename="../plugin/gui/jobs_dock.py" line="523"/>
        <source>Select the tiles to reprocess on the map (in the job&apos;s tile layer) first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/gui/jobs_dock.py" line="526"/>
        <source>Reprocess {count} selected tile(s) of job {id}? A new request over just those tiles is created and started; it overwrites their outputs and is charged.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/gui/jobs_dock.py" line="529"/>
        <source>Reprocess tiles</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/gui/jobs_dock.py" line="544"/>
        <source>Job {new} re-runs tiles of {old}; their colours follow it on the map.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/gui/jobs_dock.py" line="547"/>
        <source>Creating the re-run request</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/gui/jobs_dock.py" line="561"/>
        <source>The API calls of job {id} were copied (secrets masked).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/gui/jobs_dock.py" line="602"/>
        <source>The tiles of job {id} cannot be drawn yet: {error}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/gui/jobs_dock.py" line="607"/>
        <source>Sentinel Hub Batch: tiles of job {id}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/gui/jobs_dock.py" line="708"/>
        <source>Job {id}: connected again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/gui/jobs_dock.py" line="726"/>
        <source>The files of job {id} cannot be read from the bucket: {message}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/gui/jobs_dock.py" line="730"/>
        <source>Job {id}: {message}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/gui/jobs_dock.py" line="743"/>
        <source>Re-run {id}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/gui/jobs_dock.py" line="743"/>
        <source>Job {id}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/gui/jobs_dock.py" line="746"/>
        <source>{name} finished. Load its results from the jobs panel.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/gui/jobs_dock.py" line="749"/>
        <source>{name} failed: {error}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/gui/new_job_dock.py" line="556"/>
        <source>no reason given</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/gui/jobs_dock.py" line="753"/>
        <source>{name} stopped: {reason}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/gui/jobs_dock.py" line="756"/>
        <source>{name} is analysed and waits to be started.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/plugin.py" line="117"/>
        <source>Sentinel Hub Batch</source>
        <translation>Sentinel Hub Batch</translation>
    </message>
    <message>
        <location filename="../plugin/services/results.py" line="436"/>
        <source>Job {id} has no S3 delivery, so there are no results to load.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/gui/jobs_dock.py" line="802"/>
        <source>Downloading the results of job {id}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/gui/jobs_dock.py" line="802"/>
        <source>Loading the results of job {id}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/gui/jobs_dock.py" line="811"/>
        <source>Download the results to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/gui/jobs_dock.py" line="823"/>
        <source>{count} result layer(s) of job {id} loaded in group &apos;{group}&apos;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/gui/jobs_dock.py" line="832"/>
        <source>The result layers of job {id} need the S3 keys: {error}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/gui/jobs_dock.py" line="861"/>
        <source>Job {id} of this project cannot be followed: {error}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/gui/monitor.py" line="226"/>
        <source>There is no connection for this job. Open the connection settings and check the credentials, then refresh the job.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/gui/monitor.py" line="279"/>
        <source>Job {id} was not found: {message}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/gui/monitor.py" line="290"/>
        <source>Polling failed unexpectedly: {error}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/gui/new_job_dock.py" line="85"/>
        <source>No area yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/gui/new_job_dock.py" line="190"/>
        <source>Load evalscript</source>
        <translation>Evalscript laden</translation>
    </message>
    <message>
        <location filename="../plugin/gui/new_job_dock.py" line="190"/>
        <source>Evalscripts (*.js);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/gui/new_job_dock.py" line="197"/>
        <source>Loading the evalscript failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/gui/new_job_dock.py" line="200"/>
        <source>Save evalscript</source>
        <translation>Evalscript speichern</translation>
    </message>
    <message>
        <location filename="../plugin/gui/new_job_dock.py" line="200"/>
        <source>Evalscripts (*.js)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/gui/new_job_dock.py" line="207"/>
        <source>Saving the evalscript failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/gui/new_job_dock.py" line="304"/>
        <source>The area could not be read from the layer ({kind}); details are in the log.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/gui/new_job_dock.py" line="366"/>
        <source>Inputs {bands}; {mosaicking} mosaicking; outputs {outputs}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/gui/start_dialog.py" line="72"/>
        <source>{count} tile(s)</source>
        <translation>{count} Kachel(n)</translation>
    </message>
    <message>
        <location filename="../plugin/gui/new_job_dock.py" line="374"/>
        <source> of {w} × {h} px ({bw} × {bh} px with the buffer)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/gui/new_job_dock.py" line="456"/>
        <source>Choose a polygon layer as the area.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/gui/new_job_dock.py" line="489"/>
        <source>Wait for &apos;{action}&apos; to finish.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/gui/new_job_dock.py" line="458"/>
        <source>The preview is being computed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/gui/new_job_dock.py" line="461"/>
        <source>The evalscript has not been read yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/gui/new_job_dock.py" line="463"/>
        <source>Enter the S3 output URL (s3://bucket/folder).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/gui/new_job_dock.py" line="472"/>
        <source>Create the batch request (nothing is processed yet).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/gui/new_job_dock.py" line="482"/>
        <source>Compute the tiles of the created request at the service.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/gui/new_job_dock.py" line="482"/>
        <source>Analyse</source>
        <translation>Analysieren</translation>
    </message>
    <message>
        <location filename="../plugin/gui/new_job_dock.py" line="484"/>
        <source>Start processing (asks for confirmation with the cost).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/gui/new_job_dock.py" line="484"/>
        <source>Start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/gui/new_job_dock.py" line="491"/>
        <source>Create a job first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/gui/new_job_dock.py" line="492"/>
        <source>{action} needs a job in state {allowed}; this one is {status}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/gui/new_job_dock.py" line="514"/>
        <source>Sentinel Hub Batch: {action}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/gui/new_job_dock.py" line="520"/>
        <source>{action} failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/gui/new_job_dock.py" line="524"/>
        <source>Creating the batch request</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/gui/new_job_dock.py" line="531"/>
        <source>The request is not valid</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/gui/new_job_dock.py" line="537"/>
        <source>Batch request created</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/gui/new_job_dock.py" line="537"/>
        <source>Request {id} is created. Analyse it to check the tiles, or Start it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/gui/new_job_dock.py" line="547"/>
        <source>Analysing the batch request</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/gui/new_job_dock.py" line="556"/>
        <source>Analysis failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/gui/new_job_dock.py" line="556"/>
        <source>Request {id} failed in analysis: {error}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/gui/new_job_dock.py" line="559"/>
        <source>Analysis done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/gui/new_job_dock.py" line="559"/>
        <source>Request {id} is analysed ({status}); Start it when ready.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/gui/new_job_dock.py" line="600"/>
        <source>Starting the batch request</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/gui/new_job_dock.py" line="595"/>
        <source>Batch request started</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/gui/new_job_dock.py" line="595"/>
        <source>Request {id} is starting; follow it in the Jobs panel.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/gui/new_job_dock.py" line="612"/>
        <source>Request {id}: {status}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/gui/new_job_dock.py" line="614"/>
        <source>, {cost} PU</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/gui/quicklook.py" line="166"/>
        <source>Sentinel Hub quick look</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/gui/quicklook.py" line="176"/>
        <source>Sentinel Hub evalscript test</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/gui/quicklook.py" line="181"/>
        <source>Cancelling… (the answer on its way is discarded)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/gui/quicklook.py" line="222"/>
        <source>A call is already running; wait or cancel it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/services/tasks.py" line="164"/>
        <source>Cancelled.</source>
        <translation>Abgebrochen.</translation>
    </message>
    <message>
        <location filename="../plugin/gui/quicklook.py" line="267"/>
        <source>The call ended without an answer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/gui/quicklook.py" line="277"/>
        <source>cost unknown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/gui/quicklook.py" line="277"/>
        <source>{pu:.3g} PU</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/gui/quicklook.py" line="279"/>
        <source>Quick look</source>
        <translation>Schnellansicht</translation>
    </message>
    <message>
        <location filename="../plugin/gui/quicklook.py" line="279"/>
        <source>Test evalscript</source>
        <translation>Evalscript testen</translation>
    </message>
    <message>
        <location filename="../plugin/gui/quicklook.py" line="280"/>
        <source>Added {names} ({cost}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/gui/quicklook.py" line="289"/>
        <source>Quick look (true colour)</source>
        <translation>Schnellansicht (Echtfarben)</translation>
    </message>
    <message>
        <location filename="../plugin/gui/quicklook.py" line="292"/>
        <source>The answer file {name} could not be opened as a raster.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/gui/quicklook.py" line="302"/>
        <source>Evalscript test</source>
        <translation>Evalscript-Test</translation>
    </message>
    <message>
        <location filename="../plugin/gui/quicklook.py" line="316"/>
        <source>Quick look failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/gui/quicklook.py" line="316"/>
        <source>Evalscript test failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/gui/settings_dialog.py" line="49"/>
        <source>Connected to {name}: the credentials work and batch requests can be listed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/gui/settings_dialog.py" line="51"/>
        <source>Connected to {name}: the credentials work and batch access is enabled (no batch requests yet).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/gui/settings_dialog.py" line="77"/>
        <source>Custom URLs</source>
        <translation>Eigene URLs</translation>
    </message>
    <message>
        <location filename="../plugin/gui/settings_dialog.py" line="158"/>
        <source>Enter the client id that belongs to the secret.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/gui/settings_dialog.py" line="162"/>
        <source>Enter the S3 access key that belongs to the secret key.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/gui/settings_dialog.py" line="185"/>
        <source>Sentinel Hub {id}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/gui/settings_dialog.py" line="191"/>
        <source>S3 {key}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/gui/settings_dialog.py" line="202"/>
        <source>Not saved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/gui/settings_dialog.py" line="218"/>
        <source>Testing {url}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/gui/settings_dialog.py" line="225"/>
        <source>The connection test</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/gui/settings_dialog.py" line="229"/>
        <source>Sentinel Hub Batch: connection test</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/gui/start_dialog.py" line="52"/>
        <source>Start processing</source>
        <translation>Verarbeitung starten</translation>
    </message>
    <message>
        <location filename="../plugin/gui/start_dialog.py" line="68"/>
        <source>Start processing batch request {id}?</source>
        <translation>Verarbeitung der Batch-Anfrage {id} starten?</translation>
    </message>
    <message>
        <location filename="../plugin/gui/start_dialog.py" line="84"/>
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
        <location filename="../plugin/processing/algorithms/list_jobs.py" line="68"/>
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
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/base.py" line="87"/>
        <source>Planning</source>
        <translation>Planung</translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/base.py" line="87"/>
        <source>Results</source>
        <translation>Ergebnisse</translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/base.py" line="111"/>
        <source>The Python package &apos;{name}&apos; that Sentinel Hub Batch needs is not installed in this QGIS. Install it (e.g. pip install {name} in the Python of QGIS, or the python3-{name} package) and try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/base.py" line="126"/>
        <source>Sentinel Hub credentials (authentication config; empty: environment or settings)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/base.py" line="129"/>
        <source>A Basic authentication configuration with the client id as username and the client secret as password. Empty: SH_CLIENT_ID/SH_CLIENT_SECRET from the environment, else the plugin&apos;s saved connection.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/base.py" line="135"/>
        <source>Job id (empty: the most recent job)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/wait_for_job.py" line="129"/>
        <source>Job id</source>
        <translation>Auftrags-ID</translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/base.py" line="139"/>
        <source>Area (polygon layer)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/base.py" line="144"/>
        <source>Evalscript (the script text, or the path of a .js file)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/base.py" line="146"/>
        <source>Data collection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/base.py" line="148"/>
        <source>From (YYYY-MM-DD or ISO 8601 time)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/base.py" line="149"/>
        <source>To (YYYY-MM-DD, the whole day, or ISO 8601)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/base.py" line="152"/>
        <source>Maximum cloud coverage (%)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/base.py" line="157"/>
        <source>Seconds between status checks while processing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/base.py" line="164"/>
        <source>Tiling grid id ({grids})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/base.py" line="167"/>
        <source>Resolution (grid units: metres, or degrees for grid 3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/base.py" line="170"/>
        <source>Buffer X (pixels on each side)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/base.py" line="170"/>
        <source>Buffer Y (pixels on each side)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/base.py" line="185"/>
        <source>The area layer could not be opened. Give a polygon layer or file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/base.py" line="239"/>
        <source>No S3 keys are set (AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY or the connection settings): tile statuses and results cannot be read from the bucket.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/base.py" line="251"/>
        <source>No job id was given and the account has no batch jobs yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/base.py" line="252"/>
        <source>No job id given: using the most recent job {id}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/base.py" line="277"/>
        <source>No evalscript was given. Pass the script text or the path of a .js file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/base.py" line="282"/>
        <source>The evalscript file &apos;{path}&apos; does not exist.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/base.py" line="294"/>
        <source>Cancelled. Anything already sent to Sentinel Hub (a created or started job) goes on at the service.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/wait_for_job.py" line="130"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/start_job.py" line="44"/>
        <source>Job {id}: {status}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/create_job.py" line="50"/>
        <source>Create batch job</source>
        <translation>Batch-Auftrag erstellen</translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/create_job.py" line="76"/>
        <source>Output location in S3 (s3://bucket/folder, or a path template)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/create_job.py" line="78"/>
        <source>Output identifiers, comma separated (empty: all outputs of the evalscript)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/create_job.py" line="80"/>
        <source>Description</source>
        <translation>Beschreibung</translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/create_job.py" line="82"/>
        <source>Mosaicking order (mostRecent, leastRecent, leastCC)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/create_job.py" line="84"/>
        <source>Cloud-optimised GeoTIFFs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/create_job.py" line="85"/>
        <source>Overwrite existing outputs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/create_job.py" line="86"/>
        <source>Skip tiles whose outputs exist</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/preview_tiles.py" line="91"/>
        <source>Processing units before the batch discount</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/preview_tiles.py" line="92"/>
        <source>Processing units charged</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/process_area.py" line="91"/>
        <source>Invalid polygons of the area were repaired.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/create_job.py" line="153"/>
        <source>Cancelled before the request was sent; no job was created.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/create_job.py" line="155"/>
        <source>Creating the batch job ({outputs}) at {url}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/create_job.py" line="158"/>
        <source>Job id: {id}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/wait_for_job.py" line="50"/>
        <source>Status: {status}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/create_job.py" line="160"/>
        <source>Expected cost: {pu} PU charged</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/list_jobs.py" line="53"/>
        <source>List batch jobs</source>
        <translation>Batch-Aufträge auflisten</translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/list_jobs.py" line="56"/>
        <source>The batch jobs of the account as a table: id, status, completion, cost, dates, description and where the outputs go. Search matches the service&apos;s free-text search (e.g. part of a description).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/list_jobs.py" line="60"/>
        <source>Search</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/list_jobs.py" line="61"/>
        <source>Order</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/list_jobs.py" line="61"/>
        <source>Newest first</source>
        <translation>Neueste zuerst</translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/list_jobs.py" line="61"/>
        <source>Oldest first</source>
        <translation>Älteste zuerst</translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/list_jobs.py" line="61"/>
        <source>Status (descending)</source>
        <translation>Status (absteigend)</translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/list_jobs.py" line="64"/>
        <source>At most this many jobs (0: all)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/list_jobs.py" line="70"/>
        <source>Number of jobs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/list_jobs.py" line="92"/>
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
        <location filename="../plugin/processing/algorithms/run_job.py" line="48"/>
        <source>Folder for the mosaics</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/run_job.py" line="52"/>
        <source>Result layers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/run_job.py" line="53"/>
        <source>Number of mosaics</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/preview_tiles.py" line="63"/>
        <source>Tiles: {count} ({crs})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/preview_tiles.py" line="64"/>
        <source>Estimate before the batch discount: {pu} PU</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/preview_tiles.py" line="65"/>
        <source>Charged (one third): {pu} PU</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/preview_tiles.py" line="67"/>
        <source>Billed: {pu} PU (the minimum per request)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/preview_tiles.py" line="77"/>
        <source>Preview tiles and cost</source>
        <translation>Kacheln und Kosten vorab berechnen</translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/preview_tiles.py" line="80"/>
        <source>Computes, without contacting Sentinel Hub, the tiles a batch job over the area would process (the tiling grid at the chosen resolution) and estimates its cost in processing units: before the batch discount (the legacy valueEstimate) and what is charged (one third, at least 100 PU per request). The evalscript&apos;s setup() decides the bands, sample type and mosaicking.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/preview_tiles.py" line="89"/>
        <source>Tiles</source>
        <translation>Kacheln</translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/tile_status.py" line="54"/>
        <source>Number of tiles</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/preview_tiles.py" line="93"/>
        <source>Processing units billed (with the minimum)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/process_area.py" line="53"/>
        <source>Process an area now (Process API)</source>
        <translation>Gebiet sofort prozessieren (Process API)</translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/process_area.py" line="66"/>
        <source>Selected features only</source>
        <translation>Nur gewählte Objekte</translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/process_area.py" line="68"/>
        <source>Resolution in metres (used unless width and height are given)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/process_area.py" line="71"/>
        <source>Width in pixels (0: from the resolution)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/process_area.py" line="74"/>
        <source>Height in pixels (0: from the resolution)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/process_area.py" line="78"/>
        <source>Outputs (comma-separated ids of setup(); empty: all, as GeoTIFF)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/process_area.py" line="82"/>
        <source>Output folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/process_area.py" line="83"/>
        <source>Output files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/process_area.py" line="84"/>
        <source>Processing units spent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/process_area.py" line="108"/>
        <source>Give a resolution in metres, or a width and a height in pixels.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/process_area.py" line="123"/>
        <source>Wrote {path}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/process_area.py" line="125"/>
        <source>The service did not report the processing units spent.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/process_area.py" line="127"/>
        <source>Processing units spent: {pu:.4g}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/retry_failed_tiles.py" line="48"/>
        <source>Tile names, comma separated (empty: the failed tiles)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/retry_failed_tiles.py" line="50"/>
        <source>Start the new job</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/retry_failed_tiles.py" line="53"/>
        <source>Id of the new job</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/retry_failed_tiles.py" line="54"/>
        <source>Status of the new job</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/retry_failed_tiles.py" line="55"/>
        <source>Id of the original job</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/retry_failed_tiles.py" line="56"/>
        <source>Number of tiles re-run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/retry_failed_tiles.py" line="69"/>
        <source>Failed tiles: {names}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/run_job.py" line="32"/>
        <source>Run batch job</source>
        <translation>Batch-Auftrag ausführen</translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/run_job.py" line="46"/>
        <source>Download the result tiles</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/tile_status.py" line="80"/>
        <source>Tile status</source>
        <translation>Kachelstatus</translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/wait_for_job.py" line="132"/>
        <source>Cost (PU)</source>
        <translation>Kosten (PU)</translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/create_job.py" line="109"/>
        <source>Started job {id}.</source>
        <translation type="unfinished"></translation>
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
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/tile_status.py" line="56"/>
        <source>Tiles: {label}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/tile_status.py" line="72"/>
        <source>A job&apos;s tiles as a polygon layer with the status of each tile (waiting, processing, done, no data, failed) and its error, coloured by status. The tiles and statuses come from the feature manifest and execution database the service writes to your bucket (S3 keys needed); before the job is analysed, the tiles are computed locally from the request.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/tile_status.py" line="82"/>
        <source>Job status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/tile_status.py" line="104"/>
        <source>The job&apos;s files could not be read from the bucket: {problem}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/tile_status.py" line="110"/>
        <source>No feature manifest yet (the job is {status}): tiles computed from the request.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/tile_status.py" line="115"/>
        <source>No tiles to show yet: {reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/tile_status.py" line="133"/>
        <source>Job {id} ({status}): {count} tiles — {summary}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/tile_status.py" line="133"/>
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
        <location filename="../plugin/services/area.py" line="57"/>
        <source>selected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/services/area.py" line="57"/>
        <source>all</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/services/area.py" line="58"/>
        <source>{layer}: {count} feature(s) ({which}), {crs}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/services/area.py" line="61"/>
        <source> (reprojected from {crs})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/services/area.py" line="63"/>
        <source>; invalid polygons were repaired</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/services/area.py" line="70"/>
        <source>No layer is active. Select a polygon layer in the Layers panel to use it as the area of the job.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/services/area.py" line="73"/>
        <source>&apos;{name}&apos; is not a vector layer. Select a polygon layer in the Layers panel.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/services/area.py" line="76"/>
        <source>The layer &apos;{name}&apos; could not be read (its data source is missing or broken).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/services/area.py" line="80"/>
        <source>&apos;{name}&apos; is a {kind} layer, but the area must be polygons. Select a polygon layer (or buffer the features into polygons first).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/services/area.py" line="83"/>
        <source>No features of &apos;{name}&apos; are selected. Select the polygons to process, or untick &apos;Selected features only&apos;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/services/area.py" line="107"/>
        <source>Feature {fid} of '{name}' cannot be used: {reason} Fix it (Processing → Fix geometries) or leave it out of the selection.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/services/area.py" line="114"/>
        <source>The layer &apos;{name}&apos; has no features. Draw or load at least one polygon.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/services/area.py" line="116"/>
        <source>The features of &apos;{name}&apos; have no geometry. Draw or load at least one polygon.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/services/area.py" line="126"/>
        <source>The layer '{name}' has no coordinate reference system. Set it in the layer properties (Source → Assigned CRS).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/services/area.py" line="131"/>
        <source>a custom CRS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/services/connection.py" line="269"/>
        <source>No connection is set up. Open the connection settings and choose the client credentials.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/services/evalscript_presets.py" line="35"/>
        <source>Temporal interpolation of NDVI (tutorial)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/services/evalscript_presets.py" line="35"/>
        <source>The batch tutorial&apos;s script: NDVI every 7 days in July 2020, interpolated over cloudy days (outputs NDVI and data_mask, ORBIT mosaicking).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/services/evalscript_presets.py" line="35"/>
        <source>True colour</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/services/evalscript_presets.py" line="35"/>
        <source>Sentinel-2 red, green, blue as 8-bit RGB plus a transparency band (output &apos;default&apos;).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/services/evalscript_presets.py" line="35"/>
        <source>NDVI</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/services/evalscript_presets.py" line="35"/>
        <source>Normalised difference vegetation index as 32-bit float, plus a data mask.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/services/evalscript_presets.py" line="48"/>
        <source>There is no evalscript preset &apos;{key}&apos;; known: {known}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/services/evalscript_presets.py" line="58"/>
        <source>&apos;{name}&apos; is larger than 1 MB; that is not an evalscript.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/services/evalscript_presets.py" line="62"/>
        <source>&apos;{name}&apos; is not a text file (it is not UTF-8). Choose a .js evalscript.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/services/evalscript_presets.py" line="65"/>
        <source>&apos;{path}&apos; could not be read ({reason}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/services/evalscript_presets.py" line="74"/>
        <source>The evalscript could not be saved to &apos;{path}&apos; ({reason}). Choose a folder you can write to.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/services/layers.py" line="53"/>
        <source>Waiting</source>
        <translation>Wartend</translation>
    </message>
    <message>
        <location filename="../plugin/services/layers.py" line="54"/>
        <source>Processing</source>
        <translation>In Bearbeitung</translation>
    </message>
    <message>
        <location filename="../plugin/services/layers.py" line="55"/>
        <source>Done</source>
        <translation>Fertig</translation>
    </message>
    <message>
        <location filename="../plugin/services/results.py" line="302"/>
        <source>No data</source>
        <translation>Keine Daten</translation>
    </message>
    <message>
        <location filename="../plugin/services/layers.py" line="57"/>
        <source>Failed</source>
        <translation>Fehlgeschlagen</translation>
    </message>
    <message>
        <location filename="../plugin/services/layers.py" line="374"/>
        <source>Tiles {id} – {description}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/services/layers.py" line="375"/>
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
        <location filename="../plugin/services/preview.py" line="86"/>
        <source>The evalscript could not be read ({error}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/services/preview.py" line="98"/>
        <source>The tiles could not be computed ({error}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/services/preview.py" line="110"/>
        <source>The cost could not be estimated ({error}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/services/preview.py" line="122"/>
        <source>The job has no area.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/services/preview.py" line="133"/>
        <source>{charged} PU charged (estimate {estimate} PU before the batch discount)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/services/preview.py" line="136"/>
        <source>; billed {billed} PU (the minimum per request)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/services/preview.py" line="188"/>
        <source>Sentinel Hub Batch: tile preview</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/services/preview.py" line="227"/>
        <source>Batch job tiles (preview)</source>
        <translation>Kacheln des Batch-Auftrags (Vorschau)</translation>
    </message>
    <message>
        <location filename="../plugin/services/results.py" line="303"/>
        <source>Data</source>
        <translation>Daten</translation>
    </message>
    <message>
        <location filename="../plugin/services/results.py" line="351"/>
        <source>Results {id} – {description}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/services/results.py" line="352"/>
        <source>Results {id}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/services/results.py" line="446"/>
        <source>Downloading {count} GeoTIFF(s) to {folder}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/services/connection.py" line="218"/>
        <source>client credentials</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/services/connection.py" line="222"/>
        <source>S3 keys</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/services/connection.py" line="101"/>
        <source>No S3 access keys are set. Add them in the connection settings (stored in the QGIS authentication database) or set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/services/connection.py" line="165"/>
        <source>No {what} are configured. Open the connection settings and choose or create an authentication configuration.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/services/connection.py" line="170"/>
        <source>The authentication configuration &apos;{id}&apos; for the {what} could not be read. Check it exists and that the QGIS master password is set.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/services/connection.py" line="175"/>
        <source>The authentication configuration &apos;{name}&apos; needs both a username (the id or access key) and a password (the secret).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/services/connection.py" line="193"/>
        <source>The credentials could not be saved in the QGIS authentication database. Set a master password (Settings → Options → Authentication) and try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/services/connection.py" line="245"/>
        <source>SH_CLIENT_ID is set but SH_CLIENT_SECRET is not.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/services/layers.py" line="153"/>
        <source>its tiles come from a GeoPackage; they are drawn after the analysis.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/services/layers.py" line="155"/>
        <source>the request names no tiling grid.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/services/layers.py" line="163"/>
        <source>the request has no area.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/services/results.py" line="118"/>
        <source>Job {id} has no feature manifest at {url} yet: results can be loaded once the job has been analysed and tiles are done.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/services/results.py" line="175"/>
        <source>Job {id} has no finished GeoTIFF outputs to load yet (no tile is done, or the outputs are in another format).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/services/results.py" line="194"/>
        <source>GDAL could not build a mosaic of output &apos;{output}&apos; (EPSG:{epsg}): {error}. Check the S3 settings of the connection.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/services/results.py" line="194"/>
        <source>no tile could be opened</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/services/results.py" line="386"/>
        <source>QGIS could not open the mosaic {path} of output &apos;{output}&apos;: {error}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/gui/new_job_dock.py" line="432"/>
        <source>The service should write with your S3 keys, but none are set. Add them in the connection settings, or choose &apos;IAM role&apos; as write access.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/gui/jobs_dock.py" line="338"/>
        <source>{status} — results unreadable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/gui/jobs_dock.py" line="394"/>
        <source>The job&apos;s files cannot be read: {problem}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/gui/jobs_dock.py" line="470"/>
        <source>Estimating the cost of job {id}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/gui/jobs_dock.py" line="477"/>
        <source>Restart batch request {id}? The tiles not processed yet are processed and charged.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/gui/jobs_dock.py" line="488"/>
        <source>Stop job</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/gui/jobs_dock.py" line="488"/>
        <source>Stop batch request {id}? Tiles already processed stay in the bucket and are charged; the service may refuse to restart it for 30 minutes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/gui/jobs_dock.py" line="510"/>
        <source>Re-run the failed tile(s) of job {id}? A new request over just those tiles is created and started; it overwrites their outputs and is charged.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/gui/jobs_dock.py" line="512"/>
        <source>Re-run tiles</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/gui/monitor.py" line="216"/>
        <source>Reconnecting ({detail}); next try in {wait}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/gui/monitor.py" line="274"/>
        <source>Reconnecting: {message} Next try in {delay}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/gui/new_job_dock.py" line="571"/>
        <source>Estimating the cost</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/gui/quicklook.py" line="227"/>
        <source>about {pu} PU</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/gui/quicklook.py" line="227"/>
        <source>an unknown cost</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/gui/quicklook.py" line="229"/>
        <source>This call will cost {cost} (calls above {limit} PU ask first). Send it?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/gui/quicklook.py" line="232"/>
        <source>Not sent ({cost}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/gui/quicklook.py" line="244"/>
        <source>Asking Sentinel Hub ({cost})…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/gui/start_dialog.py" line="73"/>
        <source>{pu} PU before the batch discount</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/gui/start_dialog.py" line="75"/>
        <source>{pu} PU charged</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/gui/start_dialog.py" line="76"/>
        <source>{pu} PU</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/gui/start_dialog.py" line="78"/>
        <source>not known</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/gui/start_dialog.py" line="79"/>
        <source>No cost estimate is available.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/gui/start_dialog.py" line="91"/>
        <source>Without an estimate nothing is started: the spending limit cannot be checked.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/gui/start_dialog.py" line="94"/>
        <source>Above the spending limit of {limit} PU. Check the area, grid and resolution; if the cost is intended, raise the limit for this run to at least {billed} PU.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/base.py" line="346"/>
        <source>Most processing units this call may spend (empty: 5 PU)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/base.py" line="346"/>
        <source>Most processing units this run may be billed (empty: the connection&apos;s spending limit)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/base.py" line="350"/>
        <source>The job is estimated before anything is started (tiles, pixels, bands, samples, the batch discount and the 100 PU minimum); above this limit the run is refused with the tile count and the PU. Raise it here when the cost is intended.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/base.py" line="364"/>
        <source>run it again with the parameter MAX_PU at least as high as the PU billed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/create_job.py" line="53"/>
        <source>Sends a batch processing request to Sentinel Hub: the area, evalscript, data collection and time range, tiled by the chosen grid, with the outputs delivered to your S3 bucket. The job is created, not started unless you tick &apos;Start&apos;, and then only when its estimate is within the spending limit (the connection&apos;s, or MAX_PU); &apos;Start batch job&apos; starts it later, &apos;Run batch job&apos; does everything at once. The tile count and cost estimate are printed first. Outputs empty: every output of the evalscript&apos;s setup().</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/create_job.py" line="68"/>
        <source>Start the job once it is created</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/preview_tiles.py" line="87"/>
        <source>Write the tiles even when there are more than 200,000</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/preview_tiles.py" line="105"/>
        <source>The area needs {count:,} tiles ({pu} PU charged): no layer of more than {limit:,} tile features is written unless you ask for it (the parameter ALL_TILES). Check the area, grid and resolution.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/process_area.py" line="56"/>
        <source>Runs the evalscript synchronously over a small area with the Process API — e.g. on a test sub-area before paying for a batch job — and writes one file per output (NDVI.tif, data_mask.tif, …) into the output folder. The Process API renders at most 2500 × 2500 px: give a resolution in metres (an area in degrees is reprojected to its UTM zone) or a width and height in pixels. The call is estimated first and not sent above 5 PU unless MAX_PU allows more. Credentials: the authentication configuration, else SH_CLIENT_ID/SH_CLIENT_SECRET (with SH_BASE_URL/SH_TOKEN_URL or SH_DEPLOYMENT), else the plugin's saved connection.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/process_area.py" line="114"/>
        <source>Expected cost: about {pu} PU ({url})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/process_area.py" line="114"/>
        <source>Expected cost: unknown, the evalscript&apos;s setup() could not be read ({url})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/process_area.py" line="119"/>
        <source>run it again with the parameter MAX_PU at least as high as the estimate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/retry_failed_tiles.py" line="41"/>
        <source>Re-runs the failed tiles of a job (or the tiles you name) the Batch v2 way: a GeoPackage with just those tiles is put next to the job&apos;s files and a new job processes it into the same output objects (overwrite). The new job is started unless you untick &apos;Start&apos;, and only when the tiles&apos; estimate is within the spending limit (the connection&apos;s, or MAX_PU). Needs S3 keys.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/retry_failed_tiles.py" line="70"/>
        <source>Created job {new} to re-run {estimate} of {old}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/run_job.py" line="35"/>
        <source>The whole batch job in one step: creates it (printing tiles and cost), starts it, follows it until it is done, then writes the tile status layer and loads the results as mosaics per output. Nothing is created when the estimate is above the spending limit (the connection&apos;s, or MAX_PU). Cancelling while it runs stops the waiting only; the job goes on at the service (follow it with &apos;Wait for batch job&apos;, stop it with &apos;Stop batch job&apos;).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/start_job.py" line="27"/>
        <source>Starts a created, analysed or stopped job. A created job is analysed first, then processed. Processing is charged in processing units: the job is estimated first (from its tiles once analysed, else from its request) and not started above the spending limit (the connection&apos;s, or MAX_PU). Follow it with &apos;Wait for batch job&apos;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/processing/algorithms/start_job.py" line="41"/>
        <source>Job {id}: {estimate}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/services/jobs.py" line="90"/>
        <source>raise the spending limit for this run in the confirmation, or the connection&apos;s limit in the connection settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/services/jobs.py" line="182"/>
        <source>confirm the cost when asked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin/services/tasks.py" line="84"/>
        <source>Sentinel Hub is busy or unreachable ({reason}); trying again in {wait}.</source>
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
        <location filename="../ui/jobs_dock.ui" line="41"/>
        <source>Search jobs (id, description)</source>
        <translation>Aufträge suchen (ID, Beschreibung)</translation>
    </message>
    <message>
        <location filename="../ui/jobs_dock.ui" line="48"/>
        <source>Order of the list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/jobs_dock.ui" line="52"/>
        <source>Newest first</source>
        <translation>Neueste zuerst</translation>
    </message>
    <message>
        <location filename="../ui/jobs_dock.ui" line="57"/>
        <source>Oldest first</source>
        <translation>Älteste zuerst</translation>
    </message>
    <message>
        <location filename="../ui/jobs_dock.ui" line="225"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../ui/jobs_dock.ui" line="67"/>
        <source>Status (descending)</source>
        <translation>Status (absteigend)</translation>
    </message>
    <message>
        <location filename="../ui/jobs_dock.ui" line="75"/>
        <source>List the jobs of the account</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/jobs_dock.ui" line="78"/>
        <source>Refresh</source>
        <translation>Aktualisieren</translation>
    </message>
    <message>
        <location filename="../ui/jobs_dock.ui" line="95"/>
        <source>Job id</source>
        <translation>Auftrags-ID</translation>
    </message>
    <message>
        <location filename="../ui/jobs_dock.ui" line="102"/>
        <source>Show the job with this id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/jobs_dock.ui" line="105"/>
        <source>Open</source>
        <translation>Öffnen</translation>
    </message>
    <message>
        <location filename="../ui/jobs_dock.ui" line="112"/>
        <source>Show the most recent job of the account</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/jobs_dock.ui" line="115"/>
        <source>Latest job</source>
        <translation>Neuester Auftrag</translation>
    </message>
    <message>
        <location filename="../ui/jobs_dock.ui" line="125"/>
        <source>Load the next page of jobs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/jobs_dock.ui" line="128"/>
        <source>More…</source>
        <translation>Mehr…</translation>
    </message>
    <message>
        <location filename="../ui/jobs_dock.ui" line="239"/>
        <source>Progress</source>
        <translation>Fortschritt</translation>
    </message>
    <message>
        <location filename="../ui/jobs_dock.ui" line="179"/>
        <source>Cost (PU)</source>
        <translation>Kosten (PU)</translation>
    </message>
    <message>
        <location filename="../ui/jobs_dock.ui" line="184"/>
        <source>Created</source>
        <translation>Erstellt</translation>
    </message>
    <message>
        <location filename="../ui/jobs_dock.ui" line="189"/>
        <source>Updated</source>
        <translation>Aktualisiert</translation>
    </message>
    <message>
        <location filename="../ui/jobs_dock.ui" line="287"/>
        <source>Description</source>
        <translation>Beschreibung</translation>
    </message>
    <message>
        <location filename="../ui/jobs_dock.ui" line="199"/>
        <source>ID</source>
        <translation>ID</translation>
    </message>
    <message>
        <location filename="../ui/jobs_dock.ui" line="205"/>
        <source>Job</source>
        <translation>Auftrag</translation>
    </message>
    <message>
        <location filename="../ui/jobs_dock.ui" line="211"/>
        <source>Id</source>
        <translation>ID</translation>
    </message>
    <message>
        <location filename="../ui/jobs_dock.ui" line="253"/>
        <source>Cost</source>
        <translation>Kosten</translation>
    </message>
    <message>
        <location filename="../ui/jobs_dock.ui" line="263"/>
        <source>Times</source>
        <translation>Zeiten</translation>
    </message>
    <message>
        <location filename="../ui/jobs_dock.ui" line="273"/>
        <source>Tiles</source>
        <translation>Kacheln</translation>
    </message>
    <message>
        <location filename="../ui/jobs_dock.ui" line="302"/>
        <source>Save the description at the service</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/jobs_dock.ui" line="305"/>
        <source>Save</source>
        <translation>Speichern</translation>
    </message>
    <message>
        <location filename="../ui/jobs_dock.ui" line="314"/>
        <source>Error</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <location filename="../ui/jobs_dock.ui" line="331"/>
        <source>Request</source>
        <translation>Anfrage</translation>
    </message>
    <message>
        <location filename="../ui/jobs_dock.ui" line="347"/>
        <source>The request of the job, secrets masked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/jobs_dock.ui" line="360"/>
        <source>Let the service compute the job&apos;s tiles (nothing is charged yet)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/jobs_dock.ui" line="363"/>
        <source>Analyse</source>
        <translation>Analysieren</translation>
    </message>
    <message>
        <location filename="../ui/jobs_dock.ui" line="370"/>
        <source>Start processing (asks for confirmation with the cost)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/jobs_dock.ui" line="373"/>
        <source>Start…</source>
        <translation>Starten…</translation>
    </message>
    <message>
        <location filename="../ui/jobs_dock.ui" line="380"/>
        <source>Stop the analysis or the processing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/jobs_dock.ui" line="383"/>
        <source>Stop</source>
        <translation>Anhalten</translation>
    </message>
    <message>
        <location filename="../ui/jobs_dock.ui" line="390"/>
        <source>Re-run the failed tiles as a new job into the same files (charged)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/jobs_dock.ui" line="393"/>
        <source>Retry failed tiles…</source>
        <translation>Fehlgeschlagene Kacheln wiederholen…</translation>
    </message>
    <message>
        <location filename="../ui/jobs_dock.ui" line="400"/>
        <source>Re-run the tiles selected on the map as a new job into the same files (charged)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/jobs_dock.ui" line="403"/>
        <source>Reprocess selected tiles…</source>
        <translation>Gewählte Kacheln neu prozessieren…</translation>
    </message>
    <message>
        <location filename="../ui/jobs_dock.ui" line="410"/>
        <source>Draw the job&apos;s tiles on the map and follow their status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/jobs_dock.ui" line="413"/>
        <source>Show tiles</source>
        <translation>Kacheln zeigen</translation>
    </message>
    <message>
        <location filename="../ui/jobs_dock.ui" line="420"/>
        <source>Load the finished outputs as map layers, read from S3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/jobs_dock.ui" line="423"/>
        <source>Load results</source>
        <translation>Ergebnisse laden</translation>
    </message>
    <message>
        <location filename="../ui/jobs_dock.ui" line="430"/>
        <source>Copy the finished outputs to the results folder, then load them</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/jobs_dock.ui" line="433"/>
        <source>Download results…</source>
        <translation>Ergebnisse herunterladen…</translation>
    </message>
    <message>
        <location filename="../ui/jobs_dock.ui" line="440"/>
        <source>Copy the API calls that create and start this job (secrets masked)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/jobs_dock.ui" line="443"/>
        <source>Copy API call</source>
        <translation>API-Aufruf kopieren</translation>
    </message>
    <message>
        <location filename="../ui/jobs_dock.ui" line="454"/>
        <source>Results folder</source>
        <translation>Ergebnisordner</translation>
    </message>
    <message>
        <location filename="../ui/jobs_dock.ui" line="464"/>
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
        <location filename="../ui/new_job_dock.ui" line="266"/>
        <source>Replace the script with a preset.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/new_job_dock.ui" line="273"/>
        <source>Load an evalscript from a .js file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/new_job_dock.ui" line="276"/>
        <source>Load…</source>
        <translation>Laden…</translation>
    </message>
    <message>
        <location filename="../ui/new_job_dock.ui" line="283"/>
        <source>Save the evalscript to a .js file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/new_job_dock.ui" line="286"/>
        <source>Save…</source>
        <translation>Speichern…</translation>
    </message>
    <message>
        <location filename="../ui/new_job_dock.ui" line="318"/>
        <source>Outputs declared in the evalscript&apos;s setup(); choose each file format.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/new_job_dock.ui" line="331"/>
        <source>Output</source>
        <translation>Ausgabe</translation>
    </message>
    <message>
        <location filename="../ui/new_job_dock.ui" line="336"/>
        <source>Bands</source>
        <translation>Bänder</translation>
    </message>
    <message>
        <location filename="../ui/new_job_dock.ui" line="341"/>
        <source>Sample type</source>
        <translation>Datentyp</translation>
    </message>
    <message>
        <location filename="../ui/new_job_dock.ui" line="346"/>
        <source>Format</source>
        <translation>Format</translation>
    </message>
    <message>
        <location filename="../ui/new_job_dock.ui" line="357"/>
        <source>Tiling grid</source>
        <translation>Kachelraster</translation>
    </message>
    <message>
        <location filename="../ui/new_job_dock.ui" line="363"/>
        <source>Grid</source>
        <translation>Raster</translation>
    </message>
    <message>
        <location filename="../ui/new_job_dock.ui" line="373"/>
        <source>The grid splits the area into tiles; each tile is one output file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/new_job_dock.ui" line="380"/>
        <source>Resolution</source>
        <translation>Auflösung</translation>
    </message>
    <message>
        <location filename="../ui/new_job_dock.ui" line="390"/>
        <source>Pixel size; the grid allows only these.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/new_job_dock.ui" line="397"/>
        <source>Buffer X</source>
        <translation>Puffer X</translation>
    </message>
    <message>
        <location filename="../ui/new_job_dock.ui" line="433"/>
        <source>Pixels added on each side of every tile (overlap between neighbouring tiles).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/new_job_dock.ui" line="436"/>
        <source> px</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/new_job_dock.ui" line="423"/>
        <source>Buffer Y</source>
        <translation>Puffer Y</translation>
    </message>
    <message>
        <location filename="../ui/new_job_dock.ui" line="452"/>
        <source>Delivery</source>
        <translation>Auslieferung</translation>
    </message>
    <message>
        <location filename="../ui/new_job_dock.ui" line="458"/>
        <source>Output URL</source>
        <translation>Ausgabe-URL</translation>
    </message>
    <message>
        <location filename="../ui/new_job_dock.ui" line="468"/>
        <source>Where the service writes the results: s3://bucket/folder (files go to &lt;requestId&gt;/&lt;tileName&gt;/&lt;outputId&gt;.&lt;format&gt;) or a template with those placeholders.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/new_job_dock.ui" line="478"/>
        <source>Write access</source>
        <translation>Schreibzugriff</translation>
    </message>
    <message>
        <location filename="../ui/new_job_dock.ui" line="488"/>
        <source>How the service may write to the bucket.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/new_job_dock.ui" line="492"/>
        <source>My S3 keys (from the connection settings)</source>
        <translation>Meine S3-Schlüssel (aus den Verbindungseinstellungen)</translation>
    </message>
    <message>
        <location filename="../ui/new_job_dock.ui" line="497"/>
        <source>IAM role</source>
        <translation>IAM-Rolle</translation>
    </message>
    <message>
        <location filename="../ui/new_job_dock.ui" line="505"/>
        <source>IAM role ARN</source>
        <translation>IAM-Rollen-ARN</translation>
    </message>
    <message>
        <location filename="../ui/new_job_dock.ui" line="525"/>
        <source>Cloud-optimised GeoTIFF (COG)</source>
        <translation>Cloud-optimiertes GeoTIFF (COG)</translation>
    </message>
    <message>
        <location filename="../ui/new_job_dock.ui" line="535"/>
        <source>Overwrite existing files</source>
        <translation>Vorhandene Dateien überschreiben</translation>
    </message>
    <message>
        <location filename="../ui/new_job_dock.ui" line="542"/>
        <source>Skip tiles whose files exist</source>
        <translation>Kacheln mit vorhandenen Dateien überspringen</translation>
    </message>
    <message>
        <location filename="../ui/new_job_dock.ui" line="549"/>
        <source>Description</source>
        <translation>Beschreibung</translation>
    </message>
    <message>
        <location filename="../ui/new_job_dock.ui" line="559"/>
        <source>e.g. California NDVI July 2020</source>
        <translation>z. B. Kalifornien NDVI Juli 2020</translation>
    </message>
    <message>
        <location filename="../ui/new_job_dock.ui" line="569"/>
        <source>Preview</source>
        <translation>Vorschau</translation>
    </message>
    <message>
        <location filename="../ui/new_job_dock.ui" line="575"/>
        <source>Tiles</source>
        <translation>Kacheln</translation>
    </message>
    <message>
        <location filename="../ui/new_job_dock.ui" line="592"/>
        <source>Cost</source>
        <translation>Kosten</translation>
    </message>
    <message>
        <location filename="../ui/new_job_dock.ui" line="609"/>
        <source>Show the tiles on the map</source>
        <translation>Kacheln auf der Karte zeigen</translation>
    </message>
    <message>
        <location filename="../ui/new_job_dock.ui" line="622"/>
        <source>Quick look (Process API)</source>
        <translation>Schnellansicht (Process API)</translation>
    </message>
    <message>
        <location filename="../ui/new_job_dock.ui" line="658"/>
        <source>Deployment, credentials and S3 access.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/new_job_dock.ui" line="661"/>
        <source>Connection…</source>
        <translation>Verbindung…</translation>
    </message>
    <message>
        <location filename="../ui/new_job_dock.ui" line="681"/>
        <source>Create</source>
        <translation>Erstellen</translation>
    </message>
    <message>
        <location filename="../ui/new_job_dock.ui" line="688"/>
        <source>Analyse</source>
        <translation>Analysieren</translation>
    </message>
    <message>
        <location filename="../ui/new_job_dock.ui" line="695"/>
        <source>Start…</source>
        <translation>Starten…</translation>
    </message>
    <message>
        <location filename="../ui/new_job_dock.ui" line="704"/>
        <source>No job created yet.</source>
        <translation>Noch kein Auftrag erstellt.</translation>
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
        <location filename="../ui/quick_look_panel.ui" line="77"/>
        <source>True colour image of the whole area (512 px), as a temporary layer. Costs a fraction of a processing unit.</source>
        <translation type="unfinished"></translation>
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
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/quick_look_panel.ui" line="66"/>
        <source>Test on the whole selection or map extent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/quick_look_panel.ui" line="87"/>
        <source>Run the evalscript at full resolution on a 256 × 256 px window of the selected feature, or of the area at the map centre; every output becomes a layer. Calls estimated above 5 PU ask first.</source>
        <translation type="unfinished"></translation>
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
        <location filename="../ui/settings_dialog.ui" line="287"/>
        <source>Get a token and list batch requests with these settings (nothing is saved).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings_dialog.ui" line="290"/>
        <source>Test connection</source>
        <translation>Verbindung testen</translation>
    </message>
    <message>
        <location filename="../ui/settings_dialog.ui" line="237"/>
        <source>Spending</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings_dialog.ui" line="243"/>
        <source>Spending limit per run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings_dialog.ui" line="253"/>
        <source>A job (or a re-run of tiles) estimated to be billed more than this is not started unless you raise the limit for that run (in the start confirmation, or MAX_PU in Processing).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings_dialog.ui" line="256"/>
        <source> PU</source>
        <translation type="unfinished"></translation>
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
        <translation>Processing Units werden Ihrem Konto belastet.</translation>
    </message>
    <message>
        <location filename="../ui/start_dialog.ui" line="49"/>
        <source>Estimate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/start_dialog.ui" line="87"/>
        <source>Spending limit for this run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/start_dialog.ui" line="97"/>
        <source>The most this run may be billed. Raise it here to start a job above the connection&apos;s limit.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/start_dialog.ui" line="100"/>
        <source> PU</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
